/*! AgentConsole chat launcher. Embed: <script async src="https://DESK/chat/widget.js"></script> */
(() => {
  'use strict';
  const w = window, d = document;
  if (w.AgentConsoleWidget) return;
  const me = d.currentScript || d.querySelector('script[src*="/chat/widget.js"]');
  if (!me || !me.src) return;
  const src = new URL(me.src, location.href);
  const base = src.origin + src.pathname.replace(/\/chat\/[^/]*$/, '');
  const CSS = '.acw-launcher{position:fixed;right:20px;bottom:20px;z-index:2147483000;display:flex;align-items:center;justify-content:center;'
    + 'width:56px;height:56px;min-width:0;margin:0;padding:0;border:0;border-radius:50%;background:#594AE2;color:#fff;cursor:pointer;'
    + 'box-shadow:0 6px 20px rgba(45,33,140,.35);transition:transform .15s,background-color .15s;-webkit-tap-highlight-color:transparent;font:600 12px/1 system-ui,sans-serif}'
    + '.acw-launcher:hover{background:#4636c8;transform:scale(1.05)}'
    + '.acw-launcher:focus{outline:none}'
    + '.acw-launcher:focus-visible{outline:3px solid #594AE2;outline-offset:3px;box-shadow:0 0 0 3px #fff,0 6px 20px rgba(45,33,140,.35)}'
    + '.acw-launcher svg{display:block;width:28px;height:28px;fill:currentColor}'
    + '.acw-launcher .acw-x,.acw-launcher[aria-expanded=true] .acw-b{display:none}'
    + '.acw-launcher[aria-expanded=true] .acw-x{display:block}'
    + '.acw-launcher[aria-busy=true]{opacity:.75;cursor:progress}'
    + '.acw-badge{position:absolute;top:-3px;right:-3px;min-width:20px;height:20px;padding:0 5px;border-radius:10px;background:#d92d37;color:#fff;line-height:20px;text-align:center;box-sizing:border-box}'
    + '.acw-badge[hidden]{display:none}'
    + '@media (prefers-reduced-motion:reduce){.acw-launcher{transition:none}}@media print{.acw-launcher{display:none}}';
  const SVG = (cls, d) => `<svg class="${cls}" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path fill-rule="evenodd" d="${d}"/></svg>`;
  let btn, badge, unreadText, ready;

  function load() {
    return ready || (ready = new Promise((resolve, reject) => {
      let n = 0;
      const done = () => { if (++n === 2) resolve(); };
      const css = d.createElement('link');
      css.rel = 'stylesheet';
      css.href = base + '/chat/panel.css';
      const js = d.createElement('script');
      js.src = base + '/chat/panel.js';
      js.async = true;
      css.onload = js.onload = done;
      css.onerror = js.onerror = () => { ready = null; reject(new Error('chat panel failed to load')); };
      d.head.append(css, js);
    }));
  }

  function open(auto) {
    w.AgentConsoleChat.open({
      base, embedded: true, auto, launcher: btn,
      onOpen: () => btn.setAttribute('aria-expanded', 'true'),
      onClose: () => btn.setAttribute('aria-expanded', 'false'),
      onUnread: (n) => {
        badge.hidden = !n;
        badge.textContent = n > 9 ? '9+' : n;
        unreadText.textContent = n ? n + (n === 1 ? ' new message' : ' new messages') : '';
      },
    });
  }

  function click() {
    if (btn.getAttribute('aria-expanded') === 'true') { w.AgentConsoleChat.close(); return; }
    btn.setAttribute('aria-busy', 'true');
    load().then(() => open(false), () => w.open(base + '/chat/', '_blank', 'noopener'))
      .finally(() => btn.removeAttribute('aria-busy'));
  }

  function mount() {
    const style = d.createElement('style');
    style.textContent = CSS;
    d.head.append(style);
    btn = d.createElement('button');
    btn.type = 'button';
    btn.id = 'acw-launcher';
    btn.className = 'acw-launcher';
    btn.setAttribute('aria-label', 'Chat with support');
    btn.setAttribute('aria-haspopup', 'dialog');
    btn.setAttribute('aria-controls', 'acw-panel');
    btn.setAttribute('aria-expanded', 'false');
    btn.setAttribute('aria-describedby', 'acw-unread');
    btn.innerHTML = SVG('acw-b', 'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9.5L5 21.5V18H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zM7 9a1.5 1.5 0 1 1 0 3a1.5 1.5 0 1 1 0-3zm5 0a1.5 1.5 0 1 1 0 3a1.5 1.5 0 1 1 0-3zm5 0a1.5 1.5 0 1 1 0 3a1.5 1.5 0 1 1 0-3z')
      + SVG('acw-x', 'M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6 10.6 12 5 6.4z')
      + '<span class="acw-badge" aria-hidden="true" hidden></span><span id="acw-unread" hidden></span>';
    badge = btn.children[2];
    unreadText = btn.lastChild;
    btn.addEventListener('click', click);
    d.body.append(btn);
    let running = null;
    try { running = localStorage.getItem('agentconsole.chat.token'); } catch { /* storage blocked */ }
    if (running) load().then(() => open(true), () => {});
  }

  w.AgentConsoleWidget = { base };
  if (d.body) mount(); else d.addEventListener('DOMContentLoaded', mount);
})();
