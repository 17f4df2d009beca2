// Enter sends the reply and Shift+Enter starts a new line: stop Enter's newline in the browser,
// since the server decides what the key does only after the character would have been typed.
export function enterSends(textarea) {
    if (!textarea || textarea.dataset.enterSends) return;
    textarea.dataset.enterSends = "1";
    textarea.addEventListener("keydown", event => {
        if (event.key === "Enter" && !event.shiftKey && !event.isComposing) event.preventDefault();
    });
}
