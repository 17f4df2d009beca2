#!/usr/bin/env node
// In-memory mock of the customer chat HTTP contract, for exercising AgentConsole/wwwroot/chat/ without the
// real server. Plain node:http, no dependencies. Not shipped.
//
//   node tools/mock-chat-server.mjs [--port 5090] [--host-port 5091]
//
// Desk (same origin as the widget):   http://127.0.0.1:5090/chat/  /chat/demo.html  /api/chat/*
// A "customer site" on another origin: http://127.0.0.1:5091/demo.html  (embeds the widget cross-origin)
//
// The fake bot echoes. Typing these as a customer drives the mock:
//   /handoff  queue, offer, then assign "Dana Whitfield" who types and writes   /resolve  resolved + rating request
//   /close    closed                 /fail     400 problem details              /slow     the reply waits 3 s
//   /expire   the session's token stops working (next call is 401)
// Test hooks:
//   POST /mock/agent {token?, type:"message"|"status"|"typing", ...fields}   (no token: the latest session)
//   GET  /mock/state   POST /mock/reset   POST /mock/expire {token?}   POST /mock/drop {token?} (cut the streams)
//   POST /mock/limit {perTenSeconds}   POST /mock/chunky {on} (CRLF, multi-line data, 3-byte writes)
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const arg = (name, def) => { const i = process.argv.indexOf(name); return i > 0 ? Number(process.argv[i + 1]) : def; };
const PORT = arg('--port', Number(process.env.PORT) || 5090);
const HOST_PORT = arg('--host-port', Number(process.env.HOST_PORT) || 5091);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../AgentConsole/wwwroot/chat');
const MAX_TEXT = 4000;

let nextId = 100;
let sessions = new Map(); // token -> session
let latest = null;
let limitPerTen = 5;
const log = [];

function newSession(page) {
  const s = {
    token: randomUUID().replace(/-/g, '') + randomUUID().replace(/-/g, ''),
    conversationId: 'c_' + randomUUID().slice(0, 8),
    messages: [], pages: [page], typing: 0, ratings: [], sent: [], clients: new Set(), expired: false,
    status: { stage: 'bot', team: null, agentName: null, queuePosition: null, estimatedWaitSeconds: null, expectedAnswerAt: null, ratingRequested: false, rated: false, maxTextLength: MAX_TEXT },
  };
  sessions.set(s.token, s);
  latest = s;
  return s;
}

const esc = (t) => String(t).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

// "Chunky" mode stresses the client's parser: CRLF line ends, JSON spread over several data: lines,
// and every frame written a few bytes at a time.
let chunky = false;
function frame(event, data, id) {
  const json = chunky ? JSON.stringify(data, null, 1) : JSON.stringify(data);
  const f = (id != null ? `id: ${id}\n` : '') + `event: ${event}\n` + json.split('\n').map((l) => 'data: ' + l).join('\n') + '\n\n';
  return chunky ? ': chunky\n' + f.replace(/\n/g, '\r\n') : f;
}
function write(res, text) {
  if (!chunky) { res.write(text); return; }
  res.queue = (res.queue || Promise.resolve()).then(async () => {
    for (let i = 0; i < text.length; i += 3) { res.write(text.slice(i, i + 3)); await new Promise((r) => setTimeout(r, 1)); }
  });
}
function push(s, event, data, id) {
  for (const res of s.clients) write(res, frame(event, data, id));
}
function addMessage(s, m) {
  const msg = { id: ++nextId, at: new Date().toISOString(), name: null, html: null, ...m };
  s.messages.push(msg);
  push(s, 'message', msg, msg.id);
  return msg;
}
function setStatus(s, patch) {
  Object.assign(s.status, patch);
  push(s, 'status', s.status);
}
const later = (ms, fn) => setTimeout(fn, ms);

function bot(s, text) {
  const t = text.trim();
  if (t === '/handoff') {
    addMessage(s, { author: 'bot', text: "I'll connect you with our billing team.", html: "<p>I'll connect you with our <strong>billing team</strong>.</p>" });
    later(300, () => setStatus(s, { stage: 'queued', team: 'Billing', queuePosition: 3, estimatedWaitSeconds: 240 }));
    later(1500, () => setStatus(s, { queuePosition: 1, estimatedWaitSeconds: 45 }));
    later(2500, () => setStatus(s, { stage: 'offered' }));
    later(3200, () => {
      setStatus(s, { stage: 'assigned', agentName: 'Dana Whitfield', queuePosition: null, estimatedWaitSeconds: null });
      addMessage(s, { author: 'system', text: 'Dana Whitfield joined the conversation.' });
      push(s, 'typing', { name: 'Dana', typing: true });
    });
    later(5000, () => addMessage(s, { author: 'agent', name: 'Dana', text: 'Hi, I am Dana from Billing. I can see invoice NW-2026-1201. See our refund policy.', html: '<p>Hi, I am Dana from Billing. I can see invoice <code>NW-2026-1201</code>. See our <a href="https://example.com/refunds">refund policy</a>.</p>' }));
    return;
  }
  if (t === '/resolve') { setStatus(s, { stage: 'resolved', ratingRequested: true, rated: false }); return; }
  if (t === '/close') { setStatus(s, { stage: 'closed' }); return; }
  if (s.status.stage !== 'bot') return; // a person is handling it
  const delay = t === '/slow' ? 3000 : 600;
  later(delay, () => addMessage(s, {
    author: 'bot',
    text: `You said: ${t}`,
    html: `<p>You said: <strong>${esc(t)}</strong></p><ul><li>Check <a href="https://example.com/help">our help centre</a></li><li>Or type <code>/handoff</code> to reach a person</li></ul>`,
  }));
}

function send(res, status, body, headers = {}) {
  const h = { 'Cache-Control': 'no-store', ...headers };
  if (body === undefined) { res.writeHead(status, h); res.end(); return; }
  const json = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json', ...h });
  res.end(json);
}
const problem = (res, status, title, detail, extra = {}, headers = {}) => send(res, status, { type: 'about:blank', title, status, detail, ...extra }, headers);

function readBody(req) {
  return new Promise((resolve) => {
    let b = '';
    req.on('data', (c) => { b += c; if (b.length > 1e6) req.destroy(); });
    req.on('end', () => { try { resolve(b ? JSON.parse(b) : {}); } catch { resolve(null); } });
  });
}
function auth(req, res) {
  const m = /^Bearer (.+)$/.exec(req.headers.authorization || '');
  const s = m && sessions.get(m[1]);
  if (!s || s.expired) { problem(res, 401, 'Unauthorized', 'The chat session has expired.'); return null; }
  return s;
}

async function serveFile(res, file, rewrite) {
  try {
    let data = await readFile(path.join(ROOT, file));
    const type = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html' }[path.extname(file)] || 'application/octet-stream';
    if (rewrite) data = rewrite(data.toString());
    res.writeHead(200, { 'Content-Type': type + '; charset=utf-8', 'Cache-Control': 'no-cache' });
    res.end(data);
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain' }); res.end('Not found');
  }
}

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type, Accept',
  'Access-Control-Expose-Headers': 'Retry-After',
  'Access-Control-Max-Age': '600',
};

const desk = http.createServer(async (req, res) => {
  const url = new URL(req.url, `http://${req.headers.host}`);
  const p = url.pathname;
  log.push(`${req.method} ${p}${url.search}`);
  if (p.startsWith('/api/')) for (const [k, v] of Object.entries(CORS)) res.setHeader(k, v);
  if (req.method === 'OPTIONS') { res.writeHead(204); res.end(); return; }

  if (req.method === 'GET' && (p === '/chat' || p === '/')) { res.writeHead(302, { Location: '/chat/' }); res.end(); return; }
  if (req.method === 'GET' && p === '/chat/') return serveFile(res, 'index.html');
  if (req.method === 'GET' && /^\/chat\/[\w.-]+$/.test(p)) return serveFile(res, p.slice(6));

  // ----- the contract -----
  if (req.method === 'POST' && p === '/api/chat/sessions') {
    const body = await readBody(req);
    if (!body || !body.page || typeof body.page.url !== 'string') return problem(res, 400, 'Invalid request', 'page.url is required.');
    const s = newSession(body.page);
    return send(res, 201, { token: s.token, conversationId: s.conversationId });
  }
  if (req.method === 'GET' && p === '/api/chat/transcript') {
    const s = auth(req, res); if (!s) return;
    return send(res, 200, { messages: s.messages, status: s.status, cursor: s.messages.length ? s.messages[s.messages.length - 1].id : 0 });
  }
  if (req.method === 'GET' && p === '/api/chat/stream') {
    const s = auth(req, res); if (!s) return;
    const after = Number(url.searchParams.get('after') || 0);
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' });
    res.write(': connected\n\n');
    for (const m of s.messages) if (m.id > after) write(res, frame('message', m, m.id));
    write(res, frame('status', s.status));
    s.clients.add(res);
    const beat = setInterval(() => res.write(': heartbeat\n\n'), 15000);
    res.on('close', () => { clearInterval(beat); s.clients.delete(res); });
    return;
  }
  if (req.method === 'POST' && p === '/api/chat/messages') {
    const s = auth(req, res); if (!s) return;
    const body = await readBody(req);
    const text = body && typeof body.text === 'string' ? body.text : '';
    if (!body || typeof body.clientId !== 'string') return problem(res, 400, 'Invalid request', 'clientId is required.');
    const dup = s.messages.find((m) => m.clientId === body.clientId);
    if (dup) return send(res, 202, { message: dup });
    if (!text.trim()) return problem(res, 400, 'One or more validation errors occurred.', undefined, { errors: { text: ['Write a message first.'] } });
    if (text.length > s.status.maxTextLength) return problem(res, 400, 'One or more validation errors occurred.', undefined, { errors: { text: [`Messages can be at most ${s.status.maxTextLength} characters.`] } });
    if (text.trim() === '/fail') return problem(res, 400, 'Message rejected', 'This is a test rejection from the mock server.');
    if (text.trim() === '/expire') { s.expired = true; return problem(res, 401, 'Unauthorized', 'The chat session has expired.'); }
    const now = Date.now();
    s.sent = s.sent.filter((t) => now - t < 10000);
    if (s.sent.length >= limitPerTen) {
      const wait = Math.ceil((10000 - (now - s.sent[0])) / 1000);
      return problem(res, 429, 'Too many requests', 'Slow down.', {}, { 'Retry-After': String(wait) });
    }
    s.sent.push(now);
    const msg = addMessage(s, { author: 'customer', text, clientId: body.clientId });
    send(res, 202, { message: msg });
    bot(s, text);
    return;
  }
  if (req.method === 'POST' && p === '/api/chat/page') {
    const s = auth(req, res); if (!s) return;
    const body = await readBody(req);
    if (!body || typeof body.url !== 'string') return problem(res, 400, 'Invalid request', 'url is required.');
    s.pages.push({ url: body.url, title: body.title });
    return send(res, 204);
  }
  if (req.method === 'POST' && p === '/api/chat/typing') {
    const s = auth(req, res); if (!s) return;
    await readBody(req);
    s.typing++;
    return send(res, 204);
  }
  if (req.method === 'POST' && p === '/api/chat/rating') {
    const s = auth(req, res); if (!s) return;
    const body = await readBody(req);
    if (!body || !Number.isInteger(body.score) || body.score < 1 || body.score > 5) return problem(res, 400, 'One or more validation errors occurred.', undefined, { errors: { score: ['Choose from 1 to 5 stars.'] } });
    if (s.status.stage !== 'resolved') return problem(res, 409, 'Conflict', 'Only a resolved conversation can be rated.');
    s.ratings.push({ score: body.score, comment: body.comment ?? null });
    setStatus(s, { rated: true });
    return send(res, 204);
  }

  // ----- test hooks -----
  if (p.startsWith('/mock/')) {
    const body = req.method === 'POST' ? (await readBody(req)) || {} : {};
    const s = body.token ? sessions.get(body.token) : latest;
    if (p === '/mock/state') {
      return send(res, 200, { sessions: [...sessions.values()].map(({ clients, sent, ...x }) => ({ ...x, streams: clients.size })), log: log.slice(-200) });
    }
    if (p === '/mock/reset') { for (const x of sessions.values()) for (const c of x.clients) c.end(); sessions = new Map(); latest = null; log.length = 0; limitPerTen = 5; return send(res, 204); }
    if (p === '/mock/chunky') { chunky = body.on !== false; return send(res, 204); }
    if (p === '/mock/limit') { limitPerTen = Number(body.perTenSeconds) || 5; return send(res, 204); }
    if (!s) return problem(res, 404, 'No session', 'No chat session yet.');
    if (p === '/mock/expire') { s.expired = true; for (const c of s.clients) c.end(); return send(res, 204); }
    if (p === '/mock/drop') { for (const c of s.clients) c.destroy(); return send(res, 204); }
    if (p === '/mock/agent') {
      if (body.type === 'status') { const { type, token, ...patch } = body; setStatus(s, patch); return send(res, 204); }
      if (body.type === 'typing') { push(s, 'typing', { name: body.name ?? 'Dana', typing: body.typing !== false }); return send(res, 204); }
      const msg = addMessage(s, { author: body.author || 'agent', name: body.name ?? 'Dana', text: body.text || '', html: body.html ?? (body.text ? `<p>${esc(body.text)}</p>` : null) });
      return send(res, 200, { message: msg });
    }
  }
  problem(res, 404, 'Not found', `${req.method} ${p}`);
});

// A stand-in for a customer's own site on another origin, embedding the widget with its one script tag.
const host = http.createServer((req, res) => {
  const url = new URL(req.url, `http://${req.headers.host}`);
  if (url.pathname === '/' || url.pathname === '/demo.html') {
    return serveFile(res, 'demo.html', (html) => html.replace('src="/chat/widget.js"', `src="http://127.0.0.1:${PORT}/chat/widget.js"`));
  }
  res.writeHead(404); res.end();
});

desk.listen(PORT, '127.0.0.1', () => console.log(`mock desk   http://127.0.0.1:${PORT}/chat/  (demo: /chat/demo.html)`));
host.listen(HOST_PORT, '127.0.0.1', () => console.log(`mock site   http://127.0.0.1:${HOST_PORT}/demo.html  (cross-origin embed)`));
