// The console's own JS interop: a file rather than an inline script, so the console's CSP allows only scripts from 'self'.
window.agentConsole = { setTitle: title => { document.title = title; } };
