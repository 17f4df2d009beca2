#!/usr/bin/env node
// Drives the chat widget in headless Chromium over the DevTools protocol against tools/mock-chat-server.mjs.
// No dependencies: Node 20 needs --experimental-websocket (Node 22+ has WebSocket built in).
//
//   node --experimental-websocket tools/widget-browser-test.mjs [--shots DIR]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const DESK = 5190, SITE = 5191;
const desk = `http://127.0.0.1:${DESK}`, site = `http://127.0.0.1:${SITE}`;
const shotsArg = process.argv.indexOf('--shots');
const SHOTS = shotsArg > 0 ? path.resolve(process.argv[shotsArg + 1]) : null;
if (SHOTS) mkdirSync(SHOTS, { recursive: true });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let passed = 0, failed = 0;
function check(name, ok, detail) {
  if (ok) { passed++; console.log('  ok   ' + name); }
  else { failed++; console.log('  FAIL ' + name + (detail !== undefined ? ' :: ' + JSON.stringify(detail) : '')); }
}

const procs = [];
function stopAll() { for (const p of procs) { try { p.kill(); } catch { /* gone */ } } }
process.on('exit', stopAll);

// ---------- mock server ----------
const mock = spawn(process.execPath, [path.join(here, 'mock-chat-server.mjs'), '--port', String(DESK), '--host-port', String(SITE)], { stdio: ['ignore', 'pipe', 'inherit'] });
procs.push(mock);
await new Promise((r) => mock.stdout.once('data', r));
const api = async (p, body) => {
  const r = await fetch(desk + p, { method: body === undefined ? 'GET' : 'POST', headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return r.status === 204 ? null : r.json();
};
const state = () => api('/mock/state');

// ---------- browser ----------
const profile = mkdtempSync(path.join(tmpdir(), 'acw-chrome-'));
const chrome = spawn('/usr/bin/chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--remote-debugging-port=0',
  '--user-data-dir=' + profile, 'about:blank'], { stdio: 'ignore' });
procs.push(chrome);
let port;
for (let i = 0; i < 100 && !port; i++) {
  await sleep(100);
  const f = path.join(profile, 'DevToolsActivePort');
  if (existsSync(f)) port = readFileSync(f, 'utf8').split('\n')[0];
}
const version = await (await fetch(`http://127.0.0.1:${port}/json/version`)).json();
const ws = new WebSocket(version.webSocketDebuggerUrl);
await new Promise((r, j) => { ws.onopen = r; ws.onerror = j; });
let seq = 0;
const waiting = new Map();
ws.onmessage = (e) => {
  const m = JSON.parse(e.data);
  if (m.id && waiting.has(m.id)) { const { resolve, reject } = waiting.get(m.id); waiting.delete(m.id); m.error ? reject(new Error(m.error.message)) : resolve(m.result); }
};
const cdp = (method, params = {}, sessionId) => new Promise((resolve, reject) => {
  const id = ++seq;
  waiting.set(id, { resolve, reject });
  ws.send(JSON.stringify({ id, method, params, sessionId }));
});

async function newPage(width, height, mobile = false) {
  const { targetId } = await cdp('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await cdp('Target.attachToTarget', { targetId, flatten: true });
  const s = (m, p) => cdp(m, p, sessionId);
  await s('Page.enable');
  await s('Runtime.enable');
  await s('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile });
  const page = {
    async goto(url) { await s('Page.navigate', { url }); await page.waitFor('document.readyState === "complete"'); },
    async eval(expression) {
      const r = await s('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
      if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description || r.exceptionDetails.text);
      return r.result.value;
    },
    async waitFor(expression, timeout = 5000) {
      const end = Date.now() + timeout;
      for (;;) {
        try { const v = await page.eval(expression); if (v) return v; } catch { /* not yet */ }
        if (Date.now() > end) return false;
        await sleep(50);
      }
    },
    async click(selector) {
      // let pending scroll-to-bottom frames settle, then measure where the element really is
      const box = await page.eval(`(async () => { const frame = () => new Promise((r) => requestAnimationFrame(r)); await frame(); await frame();
        const e = document.querySelector(${JSON.stringify(selector)}); e.scrollIntoView({ block: 'nearest' }); await frame();
        const r = e.getBoundingClientRect(); return { x: r.x + r.width / 2, y: r.y + r.height / 2 }; })()`);
      for (const type of ['mousePressed', 'mouseReleased']) await s('Input.dispatchMouseEvent', { type, x: box.x, y: box.y, button: 'left', clickCount: 1 });
    },
    type: (text) => s('Input.insertText', { text }),
    async key(key) {
      const codes = { Enter: 13, Escape: 27, Tab: 9, a: 65 };
      const base = { key, code: key, windowsVirtualKeyCode: codes[key], nativeVirtualKeyCode: codes[key] };
      await s('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...base, ...(key === 'Enter' ? { text: '\r' } : {}) });
      if (key === 'Enter') await s('Input.dispatchKeyEvent', { type: 'char', ...base, text: '\r' });
      await s('Input.dispatchKeyEvent', { type: 'keyUp', ...base });
    },
    async shot(name) {
      if (!SHOTS) return;
      const { data } = await s('Page.captureScreenshot', { format: 'png' });
      writeFileSync(path.join(SHOTS, name + '.png'), Buffer.from(data, 'base64'));
    },
  };
  return page;
}

const q = (sel) => `document.querySelector(${JSON.stringify(sel)})`;
const text = (sel) => `(${q(sel)}?.textContent ?? '')`;
const visible = (sel) => `(() => { const e = ${q(sel)}; return !!e && !e.closest('[hidden]') && e.getClientRects().length > 0; })()`;
const msgs = `[...document.querySelectorAll('.acw-log .acw-msg')]`;

try {
  // ===== desktop, customer site on another origin =====
  console.log('desktop, cross-origin embed');
  const p = await newPage(1280, 800);
  await p.goto(site + '/demo.html');
  check('launcher rendered', await p.waitFor(q('#acw-launcher')));
  const launcher = await p.eval(`(() => { const b = ${q('#acw-launcher')}; const r = b.getBoundingClientRect(); const cs = getComputedStyle(b);
    return { tag: b.tagName, label: b.getAttribute('aria-label'), w: r.width, h: r.height, right: innerWidth - r.right, bottom: innerHeight - r.bottom, tt: cs.textTransform, tabIndex: b.tabIndex }; })()`);
  check('launcher is a button named "Chat with support"', launcher.tag === 'BUTTON' && launcher.label === 'Chat with support', launcher);
  check('launcher bottom-right 56px, host button styles not leaking', launcher.w === 56 && launcher.h === 56 && launcher.right === 20 && launcher.bottom === 20, launcher);
  check('launcher keyboard focusable', launcher.tabIndex === 0);
  check('panel not loaded before the first click', await p.eval(`!window.AgentConsoleChat && !document.querySelector('script[src*="panel.js"]')`));
  check('no API calls before the first click', !(await state()).log.some((l) => l.includes('/api/')));
  await p.shot('1-desktop-launcher');

  await p.click('#acw-launcher');
  check('panel opens on click', await p.waitFor(visible('#acw-panel')));
  const dlg = await p.eval(`(() => { const d = ${q('#acw-panel')}; const r = d.getBoundingClientRect(); const lab = document.getElementById(d.getAttribute('aria-labelledby'));
    const log = ${q('.acw-log')}; const inp = ${q('#acw-input')};
    return { role: d.getAttribute('role'), label: lab && lab.textContent, w: r.width, h: r.height, focusInside: d.contains(document.activeElement), focus: document.activeElement.id,
      logRole: log.getAttribute('role'), live: log.getAttribute('aria-live'), inputLabel: inp.labels[0] && inp.labels[0].textContent,
      expanded: ${q('#acw-launcher')}.getAttribute('aria-expanded'), font: getComputedStyle(inp).fontSize }; })()`);
  check('panel is role=dialog labelled "Chat with support"', dlg.role === 'dialog' && dlg.label === 'Chat with support', dlg);
  check('desktop panel is 380x560', dlg.w === 380 && dlg.h === 560, dlg);
  check('focus moves into the panel (text box)', dlg.focusInside && dlg.focus === 'acw-input', dlg);
  check('transcript is role=log aria-live=polite; text box labelled; 15px type', dlg.logRole === 'log' && dlg.live === 'polite' && dlg.inputLabel === 'Your message' && dlg.font === '15px', dlg);
  check('launcher aria-expanded=true', dlg.expanded === 'true');
  check('no session created on open', (await state()).sessions.length === 0);
  check('send disabled for empty text', await p.eval(`${q('.acw-send')}.disabled`));
  await p.type('   ');
  check('send disabled for whitespace', await p.eval(`${q('.acw-send')}.disabled`));
  await p.eval(`(() => { const i = ${q('#acw-input')}; i.value = ''; i.dispatchEvent(new Event('input')); })()`);

  await p.type('Hello, I was charged twice');
  check('send enabled with text', await p.eval(`!${q('.acw-send')}.disabled`));
  await p.key('Enter');
  check('customer message shown at once', await p.waitFor(`${msgs}.some(m => m.classList.contains('acw-customer') && m.textContent.includes('charged twice'))`, 1000));
  check('text box cleared after send', await p.eval(`${q('#acw-input')}.value === ''`));
  check('bot reply arrives over the stream', await p.waitFor(`${msgs}.some(m => m.classList.contains('acw-bot'))`, 4000));
  let st = await state();
  check('session created on first send, with page context', st.sessions.length === 1 && st.sessions[0].pages[0].url.includes('/demo.html') && st.sessions[0].pages[0].title === 'Billing · Northwind Analytics', st.sessions[0]?.pages);
  check('token stored', await p.eval(`localStorage.getItem('agentconsole.chat.token') === ${JSON.stringify(st.sessions[0].token)}`));
  const m1 = await p.eval(`${msgs}.map(m => ({ id: m.dataset.id, cls: m.className, name: m.querySelector('.acw-name')?.textContent, pending: !!m.dataset.pending }))`);
  check('pending message replaced by the server copy (has id, not pending)', m1[0].id && !m1[0].pending && !m1[0].cls.includes('acw-pending'), m1);
  check('bot labelled "Assistant"', m1[1] && m1[1].name === 'Assistant', m1);
  const link = await p.eval(`(() => { const a = document.querySelector('.acw-bot .acw-bubble a'); return a && { t: a.target, r: a.rel }; })()`);
  check('bot links open in a new tab with rel=noopener noreferrer', link && link.t === '_blank' && link.r === 'noopener noreferrer', link);

  // ----- customer text is never HTML -----
  const evil = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2<\/script> <a href="javascript:window.__pwned=5">x</a>`;
  await p.type(evil);
  await p.key('Enter');
  await p.waitFor(`${msgs}.filter(m => m.classList.contains('acw-bot')).length >= 2`, 4000);
  await sleep(300);
  const xss = await p.eval(`(() => { const c = [...document.querySelectorAll('.acw-customer .acw-bubble')].pop(); return { text: c.textContent, kids: c.children.length, pwned: window.__pwned ?? null }; })()`);
  check('customer HTML shown as literal text, nothing runs', xss.text === evil && xss.kids === 0 && xss.pwned === null, xss);
  await api('/mock/agent', { author: 'agent', name: 'Dana', text: 'x', html: '<p>Hi<img src="x" onerror="window.__pwned=3"><a href="javascript:window.__pwned=4">click</a><script>window.__pwned=6</script></p>' });
  await p.waitFor(`!!document.querySelector('.acw-agent')`, 3000);
  await sleep(300);
  const ag = await p.eval(`(() => { const b = [...document.querySelectorAll('.acw-agent .acw-bubble')].pop(); const a = b.querySelector('a'); const i = b.querySelector('img');
    return { href: a && a.getAttribute('href'), onerror: i && i.getAttribute('onerror'), script: !!b.querySelector('script'), pwned: window.__pwned ?? null }; })()`);
  check('agent html: handlers, javascript: links and scripts stripped (defence in depth)', ag.href === null && ag.onerror === null && !ag.script && ag.pwned === null, ag);

  // ----- host page navigation -----
  await p.click('nav.main a[data-page="reports"]');
  await sleep(800);
  st = await state();
  let pages = st.sessions[0].pages;
  check('pushState navigation posts page context', pages.some((x) => x.url.endsWith('?page=reports') && x.title === 'Reports · Northwind Analytics'), pages);
  await p.eval('history.back()');
  await sleep(800);
  pages = (await state()).sessions[0].pages;
  check('popstate posts page context', pages[pages.length - 1].url.endsWith('/demo.html') && pages[pages.length - 1].title === 'Billing · Northwind Analytics', pages.slice(-2));
  await p.eval(`location.hash = 'invoices'`);
  await sleep(800);
  pages = (await state()).sessions[0].pages;
  check('hashchange posts page context', pages[pages.length - 1].url.endsWith('#invoices'), pages.slice(-1));

  // ----- customer typing -----
  await p.eval(`${q('#acw-input')}.focus()`);
  const t0 = (await state()).sessions[0].typing;
  for (const ch of 'abcdef') { await p.type(ch); await sleep(200); }
  const t1 = (await state()).sessions[0].typing;
  check('typing posted at most once per 3 s', t1 - t0 === 1, { t0, t1 });
  await p.eval(`(() => { const i = ${q('#acw-input')}; i.value = ''; i.dispatchEvent(new Event('input')); })()`);

  // ----- status, typing, agent -----
  await api('/mock/agent', { type: 'status', stage: 'queued', team: 'Billing', queuePosition: 3, estimatedWaitSeconds: 240 });
  check('queue strip', await p.waitFor(`${text('.acw-strip')} === "You're number 3 in the queue · about 4 min"`, 2000), await p.eval(text('.acw-strip')));
  // Out of hours the server gives the opening instead of a wait: the strip says when, in the customer's own time.
  await api('/mock/agent', { type: 'status', stage: 'queued', team: 'Billing', queuePosition: 3, estimatedWaitSeconds: null, expectedAnswerAt: '2026-03-16T08:00:00Z' });
  check('out-of-hours strip', await p.waitFor(`${text('.acw-strip')}.startsWith('Our team is closed now. Expect an answer from ') && !${text('.acw-strip')}.includes('min')`, 2000), await p.eval(text('.acw-strip')));
  await api('/mock/agent', { type: 'status', stage: 'assigned', agentName: 'Dana Whitfield', queuePosition: null, estimatedWaitSeconds: null, expectedAnswerAt: null });
  check('assigned strip', await p.waitFor(`${text('.acw-strip')} === 'Dana Whitfield has joined'`, 2000), await p.eval(text('.acw-strip')));
  await api('/mock/agent', { type: 'typing', name: 'Dana', typing: true });
  check('"Dana is typing…" shown', await p.waitFor(`${visible('.acw-typing')} && ${text('.acw-typing')}.includes('Dana is typing…')`, 2000));
  await p.shot('2-desktop-conversation');
  await api('/mock/agent', { author: 'agent', name: 'Dana', text: 'I have refunded the duplicate charge.', html: '<p>I have refunded the <strong>duplicate</strong> charge. <a href="https://example.com/r">Receipt</a></p>' });
  check('agent message hides the typing indicator', await p.waitFor(`!${visible('.acw-typing')}`, 2000));
  const agentName = await p.eval(`(() => { const a = [...document.querySelectorAll('.acw-agent')]; return a.map(x => x.querySelector('.acw-name').textContent); })()`);
  check('agent name shown as "Dana · Support"', agentName.every((n) => n === 'Dana · Support'), agentName);
  await api('/mock/agent', { type: 'typing', name: 'Dana', typing: true });
  await p.waitFor(visible('.acw-typing'), 2000);
  await api('/mock/agent', { type: 'typing', name: 'Dana', typing: false });
  check('typing:false hides the indicator', await p.waitFor(`!${visible('.acw-typing')}`, 2000));
  await api('/mock/agent', { type: 'typing', name: 'Dana', typing: true });
  await p.waitFor(visible('.acw-typing'), 2000);
  await sleep(5000);
  check('indicator still there after 5 s', await p.eval(visible('.acw-typing')));
  check('indicator hides itself after 6 s', await p.waitFor(`!${visible('.acw-typing')}`, 2000));

  // ----- rating -----
  await api('/mock/agent', { type: 'status', stage: 'resolved', ratingRequested: true, rated: false });
  check('rating card shown', await p.waitFor(`${visible('.acw-rating')} && ${text('.acw-rating')}.includes('How did we do?')`, 2000));
  const stars = await p.eval(`[...document.querySelectorAll('.acw-star')].map(b => b.getAttribute('aria-label'))`);
  check('five star buttons named "1 star" … "5 stars"', JSON.stringify(stars) === JSON.stringify(['1 star', '2 stars', '3 stars', '4 stars', '5 stars']), stars);
  await p.click('.acw-star[aria-label="5 stars"]');
  await p.click('#acw-rate-comment');
  await p.type('Quick and friendly');
  await p.shot('3-desktop-rating');
  await p.click('.acw-rating .acw-btn');
  check('"Thanks for your feedback."', await p.waitFor(`${text('.acw-rating')} === 'Thanks for your feedback.'`, 2000),
    await p.eval(`({ pressed: [...document.querySelectorAll('.acw-star')].map(b => b.getAttribute('aria-pressed')), comment: document.querySelector('#acw-rate-comment')?.value, text: ${text('.acw-rating')}, sendDisabled: document.querySelector('.acw-rating .acw-btn')?.disabled })`));
  st = await state();
  check('rating posted', JSON.stringify(st.sessions[0].ratings) === JSON.stringify([{ score: 5, comment: 'Quick and friendly' }]), st.sessions[0].ratings);
  await api('/mock/agent', { type: 'status', stage: 'resolved', ratingRequested: true, rated: true });
  await sleep(300);
  check('card does not come back while rated', !(await p.eval(`!!document.querySelector('.acw-rating form')`)));

  // ----- close, unread, reopen -----
  await p.eval(`${q('#acw-input')}.focus()`);
  await p.key('Escape');
  check('Escape closes the panel', await p.waitFor(`!${visible('#acw-panel')}`, 1000));
  check('focus returns to the launcher', await p.eval(`document.activeElement.id === 'acw-launcher' && document.activeElement.getAttribute('aria-expanded') === 'false'`));
  await api('/mock/agent', { author: 'agent', name: 'Dana', text: 'Anything else?' });
  check('unread badge while closed', await p.waitFor(`${visible('.acw-badge')} && ${text('.acw-badge')} === '1'`, 2000));
  await p.key('Enter');
  check('Enter on the launcher opens the panel', await p.waitFor(visible('#acw-panel'), 2000));
  check('badge cleared on open', await p.eval(`!${visible('.acw-badge')}`));

  // ----- reload restores, stream reconnects, no duplicates -----
  const before = await p.eval(`${msgs}.length`);
  await p.goto(site + '/demo.html?page=settings');
  check('token present: panel opens by itself after reload', await p.waitFor(visible('#acw-panel'), 4000));
  check('transcript restored', await p.waitFor(`${msgs}.length === ${before}`, 3000), { before, after: await p.eval(`${msgs}.length`) });
  await sleep(800);
  st = await state();
  pages = st.sessions[0].pages;
  check('page context posted on open', pages[pages.length - 1].url.endsWith('?page=settings'), pages.slice(-1));
  for (let i = 0; i < 10 && st.sessions[0].streams !== 1; i++) { await sleep(500); st = await state(); }
  check('a single stream', st.sessions[0].streams === 1, { streams: st.sessions[0].streams, log: st.log.filter((l) => l.includes('stream')) });
  await api('/mock/drop', {});
  await sleep(200);
  await api('/mock/agent', { author: 'agent', name: 'Dana', text: 'Sent while you were reconnecting.' });
  check('stream reconnects and catches up', await p.waitFor(`${msgs}.some(m => m.textContent.includes('while you were reconnecting'))`, 5000));
  const ids = await p.eval(`${msgs}.map(m => m.dataset.id)`);
  check('no duplicate messages', new Set(ids).size === ids.length && ids.length === (await state()).sessions[0].messages.length, ids);
  const after = (await state()).log.filter((l) => l.startsWith('GET /api/chat/stream')).pop();
  check('reconnect uses the last seen id as after', after.endsWith('after=' + ids[ids.length - 2]), after);

  // ----- parser: CRLF, multi-line data, frames split into 3-byte writes -----
  await api('/mock/chunky', { on: true });
  await api('/mock/drop', {});
  await sleep(1500);
  await api('/mock/agent', { author: 'agent', name: 'Dana', text: 'Line one\nLine two', html: '<p>Line one<br>Line two: ünïcødé ✓</p>' });
  await api('/mock/agent', { type: 'status', stage: 'assigned', agentName: 'Dana Whitfield', team: 'Billing' });
  check('parser copes with CRLF, multi-line data and split chunks', await p.waitFor(`${msgs}.some(m => m.textContent.includes('Line two: ünïcødé ✓'))`, 6000));
  await api('/mock/chunky', { on: false });
  const ids2 = await p.eval(`${msgs}.map(m => m.dataset.id)`);
  check('still no duplicates after the catch-up', new Set(ids2).size === ids2.length, ids2);

  // ----- length limit -----
  await p.eval(`${q('#acw-input')}.focus()`);
  await p.type('x'.repeat(3700));
  check('counter shown near the limit', await p.waitFor(`${visible('.acw-counter')} && ${text('.acw-counter')} === '3,700 / 4,000'`, 1000), await p.eval(text('.acw-counter')));
  await p.type('x'.repeat(301));
  check('over the limit: send disabled, counter flagged', await p.eval(`${q('.acw-send')}.disabled && ${q('.acw-counter')}.classList.contains('acw-over')`));
  await p.eval(`(() => { const i = ${q('#acw-input')}; i.value = ''; i.dispatchEvent(new Event('input')); })()`);

  // ----- problem details -----
  await p.type('/fail');
  await p.key('Enter');
  check('4xx detail shown under the text box', await p.waitFor(`${visible('#acw-error')} && ${text('#acw-error')} === 'This is a test rejection from the mock server.'`, 2000), await p.eval(text('#acw-error')));
  check('text kept, no stray bubble', await p.eval(`${q('#acw-input')}.value === '/fail' && !document.querySelector('.acw-pending, .acw-failed')`));
  await p.eval(`(() => { const i = ${q('#acw-input')}; i.value = ''; i.dispatchEvent(new Event('input')); })()`);

  // ----- 429 -----
  await api('/mock/limit', { perTenSeconds: 1 });
  await sleep(100);
  await p.type('first'); await p.key('Enter');
  await p.waitFor(`${msgs}.some(m => m.dataset.id && m.textContent.includes('first'))`, 2000);
  await p.type('second'); await p.key('Enter');
  const tooQuick = await p.waitFor(`/^You're sending messages too quickly\\. Try again in \\d+ s\\.$/.test(${text('#acw-error')})`, 2000);
  check('429: "You\'re sending messages too quickly. Try again in N s."', tooQuick, await p.eval(text('#acw-error')));
  check('429: text kept and send disabled', await p.eval(`${q('#acw-input')}.value === 'second' && ${q('.acw-send')}.disabled`));
  const wait = Number((await p.eval(text('#acw-error'))).match(/in (\d+) s/)?.[1] || 0);
  check('429: send re-enabled after Retry-After', await p.waitFor(`!${q('.acw-send')}.disabled && ${q('#acw-error')}.hidden`, wait * 1000 + 1500), wait);
  await api('/mock/limit', { perTenSeconds: 5 });
  await p.eval(`(() => { const i = ${q('#acw-input')}; i.value = ''; i.dispatchEvent(new Event('input')); })()`);

  // ----- 401 -----
  const oldToken = await p.eval(`localStorage.getItem('agentconsole.chat.token')`);
  await api('/mock/expire', {});
  await sleep(1500); // the stream ends, the reconnect meets 401
  check('401 drops the token and shows a fresh conversation', await p.waitFor(`!localStorage.getItem('agentconsole.chat.token') && ${msgs}.length === 0`, 4000));
  await p.type('Hello again'); await p.key('Enter');
  check('a new conversation starts on the next send', await p.waitFor(`${msgs}.some(m => m.dataset.id && m.textContent.includes('Hello again'))`, 3000));
  check('new token stored', await p.eval(`!!localStorage.getItem('agentconsole.chat.token') && localStorage.getItem('agentconsole.chat.token') !== ${JSON.stringify(oldToken)}`));

  // ----- closed -----
  await api('/mock/agent', { type: 'status', stage: 'closed' });
  check('closed: composer disabled, new conversation offered', await p.waitFor(`${q('#acw-input')}.disabled && !!document.querySelector('.acw-strip .acw-link')`, 2000));
  await p.click('.acw-strip .acw-link');
  check('"Start a new conversation" resets', await p.waitFor(`!${q('#acw-input')}.disabled && ${msgs}.length === 0 && !localStorage.getItem('agentconsole.chat.token')`, 2000));

  // ===== phone =====
  console.log('phone, 360 px');
  await api('/mock/reset', {});
  const m = await newPage(360, 640, true);
  await m.goto(site + '/demo.html');
  await m.eval(`localStorage.clear()`);
  await m.goto(site + '/demo.html');
  await m.waitFor(q('#acw-launcher'));
  await m.shot('4-phone-launcher');
  await m.click('#acw-launcher');
  await m.waitFor(visible('#acw-panel'));
  await sleep(400); // the opening animation
  const full = await m.eval(`(() => { const r = ${q('#acw-panel')}.getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width, h: r.height, focus: ${q('#acw-panel')}.contains(document.activeElement) }; })()`);
  check('phone: the panel fills the screen', full.x === 0 && full.y === 0 && full.w === 360 && full.h === 640, full);
  check('phone: focus inside the panel', full.focus);
  await m.click('#acw-input');
  await m.type('Where is my invoice?');
  await m.key('Enter');
  await m.waitFor(`${msgs}.some(m => m.classList.contains('acw-bot'))`, 4000);
  await api('/mock/agent', { type: 'status', stage: 'queued', team: 'Billing', queuePosition: 2, estimatedWaitSeconds: 90 });
  await m.waitFor(`!!${text('.acw-strip')}`, 1000);
  await m.shot('5-phone-panel');
  const sp = await newPage(360, 640, true);
  await sp.goto(desk + '/chat/');
  check('standalone page opens the panel full-page', await sp.waitFor(visible('#acw-panel'), 3000));
  const sa = await sp.eval(`(() => { const r = ${q('#acw-panel')}.getBoundingClientRect(); return { title: document.title, w: r.width, h: r.height, close: !!document.querySelector('.acw-close') }; })()`);
  check('standalone: title "Chat with support", full width, no close button', sa.title === 'Chat with support' && sa.w === 360 && sa.h === 640 && !sa.close, sa);
  await sp.shot('6-phone-standalone');
  const sd = await newPage(1280, 800);
  await sd.goto(desk + '/chat/');
  await sd.waitFor(visible('#acw-panel'), 3000);
  await sd.shot('7-desktop-standalone');
  const same = await newPage(1280, 800);
  await same.goto(desk + '/chat/demo.html');
  check('same-origin demo page embeds the widget', await same.waitFor(q('#acw-launcher'), 3000));
} catch (e) {
  failed++;
  console.log('  FAIL (exception) ' + (e.stack || e));
} finally {
  try { ws.close(); } catch { /* closed */ }
  stopAll();
  await sleep(300);
  try { rmSync(profile, { recursive: true, force: true }); } catch { /* busy */ }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
