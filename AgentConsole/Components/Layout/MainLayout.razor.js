// Whether the screen is wide enough for MudBlazor's responsive drawer to sit beside the page (its md breakpoint).
export function isWide() {
    return window.matchMedia('(min-width: 960px)').matches;
}
