/*! AgentConsole chat panel: plain ES2020, no dependencies.
 * window.AgentConsoleChat = { open(options), close() }
 * options: { base, embedded, auto, onOpen(), onClose(), onUnread(count) }
 * Customer and system text is only ever set with textContent; only bot and
 * agent messages' server-sanitised `html` is parsed as HTML. */
(() => {
  'use strict';
  if (window.AgentConsoleChat) return;

  const d = document;
  const KEY = 'agentconsole.chat.token';
  const BACKOFF = [1000, 2000, 5000, 15000];
  const TYPING_EVERY = 3000;
  const TYPING_HIDE = 6000;
  const me = d.currentScript;

  const store = {
    get() { try { return localStorage.getItem(KEY); } catch { return null; } },
    set(v) { try { if (v) localStorage.setItem(KEY, v); else localStorage.removeItem(KEY); } catch { /* storage blocked */ } },
  };

  const ICONS = {
    chat: '<path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"/>',
    close: '<path d="M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6 10.6 12 5 6.4z"/>',
    send: '<path d="M3.4 20.4 21 12 3.4 3.6 3.4 10l12.6 2-12.6 2z"/>',
  };

  // ---------- small helpers ----------
  function h(tag, attrs, ...kids) {
    const e = d.createElement(tag);
    for (const k in attrs) {
      const v = attrs[k];
      if (v == null || v === false) continue;
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? '' : v);
    }
    for (const c of kids) if (c != null) e.append(c);
    return e;
  }
  function icon(name) {
    const s = d.createElementNS('http://www.w3.org/2000/svg', 'svg');
    s.setAttribute('viewBox', '0 0 24 24');
    s.setAttribute('aria-hidden', 'true');
    s.setAttribute('focusable', 'false');
    s.innerHTML = ICONS[name]; // constant markup of our own
    return s;
  }
  const uuid = () => (crypto.randomUUID ? crypto.randomUUID()
    : '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (c) =>
      (c ^ (crypto.getRandomValues(new Uint8Array(1))[0] & (15 >> (c / 4)))).toString(16)));
  const num = (v) => { const n = Number(v); return Number.isFinite(n) ? n : null; };
  const wide = () => window.matchMedia('(min-width: 481px)').matches;

  // ---------- state ----------
  let opts = {};
  let base = '';
  let token = null;
  let ui = null;
  let isOpen = false;
  let loaded = false; // transcript for the current token is shown
  let loading = false;
  let cursor = 0;
  let seen = new Map(); // message id -> element
  let pending = new Map(); // clientId -> { clientId, text, el }
  let status = null;
  let maxLen = 4000;
  let stream = null; // AbortController of the open stream
  let retryTimer = 0;
  let attempt = 0;
  let gen = 0; // bumped whenever the conversation is dropped, so stale replies are ignored
  let sessionPromise = null;
  let typingTimer = 0;
  let lastTypingSent = 0;
  let cooling = false;
  let coolTimer = 0;
  let ratedHere = false;
  let unread = 0;
  let returnFocus = null;
  let lastPage = '';
  let pageTimer = 0;
  let hooked = false;

  // ---------- HTTP ----------
  function api(method, path, body, auth = true) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (auth && token) headers.Authorization = 'Bearer ' + token;
    return fetch(base + path, {
      method, headers, credentials: 'omit', cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }
  async function json(res) { try { return await res.json(); } catch { return null; } }
  async function httpError(res) {
    const e = new Error('HTTP ' + res.status);
    e.status = res.status;
    e.problem = await json(res);
    const ra = res.headers.get('Retry-After');
    let s = num(ra);
    if (s == null && ra) { const t = Date.parse(ra); if (!isNaN(t)) s = (t - Date.now()) / 1000; }
    if (s == null && e.problem) s = num(e.problem.retryAfter);
    e.retryAfter = s;
    return e;
  }
  function problemText(p, fallback) {
    if (p && typeof p === 'object') {
      if (p.detail) return String(p.detail);
      if (p.errors && typeof p.errors === 'object') {
        for (const k in p.errors) {
          const v = p.errors[k];
          const m = Array.isArray(v) ? v[0] : v;
          if (m) return String(m);
        }
      }
      if (p.title) return String(p.title);
    }
    return fallback;
  }

  // ---------- conversation lifecycle ----------
  function expire() {
    gen++;
    token = null;
    store.set(null);
    stopStream();
    clearTimeout(retryTimer);
    sessionPromise = null;
    loaded = false;
    loading = false;
    cursor = 0;
    seen = new Map();
    pending = new Map();
    status = null;
    ratedHere = false;
    lastPage = '';
    maxLen = 4000;
    if (ui) {
      ui.log.textContent = '';
      ui.rating.textContent = '';
      ui.rating.hidden = true;
      delete ui.rating.dataset.state;
      hideTyping();
      setStrip('');
      setSub();
      setConn(true);
      updateComposer();
    }
  }

  function ensureSession() {
    if (token) return Promise.resolve();
    if (!sessionPromise) {
      const g = gen;
      const page = pageInfo();
      sessionPromise = (async () => {
        const res = await api('POST', '/api/chat/sessions', { page }, false);
        if (!res.ok) throw await httpError(res);
        const j = await json(res);
        if (!j || !j.token) throw new Error('No token');
        if (g !== gen) throw new Error('Stale');
        token = j.token;
        store.set(token);
        loaded = true;
        cursor = 0;
        lastPage = page.url + '\n' + page.title;
        startStream();
      })();
      sessionPromise.catch(() => {}).then(() => { sessionPromise = null; });
    }
    return sessionPromise;
  }

  async function loadTranscript() {
    if (!token || loading) return;
    loading = true;
    const g = gen;
    ui.log.setAttribute('aria-busy', 'true');
    try {
      const res = await api('GET', '/api/chat/transcript');
      if (g !== gen) return;
      if (res.status === 401) { expire(); return; }
      if (!res.ok) throw await httpError(res);
      const j = (await json(res)) || {};
      if (g !== gen) return;
      for (const m of j.messages || []) addMessage(m, 'transcript');
      const c = num(j.cursor);
      if (c != null && c > cursor) cursor = c;
      applyStatus(j.status);
      loaded = true;
      attempt = 0;
      setConn(true);
      scrollDown(true);
      startStream();
    } catch {
      if (g !== gen) return;
      setConn(false);
      clearTimeout(retryTimer);
      retryTimer = setTimeout(loadTranscript, BACKOFF[Math.min(attempt++, BACKOFF.length - 1)]);
    } finally {
      if (g === gen) loading = false;
      ui.log.removeAttribute('aria-busy');
    }
  }

  // ---------- Server-Sent Events over fetch ----------
  function stopStream() {
    const s = stream;
    stream = null;
    if (s) s.abort();
  }
  function startStream() {
    if (!token || stream || !loaded) return;
    clearTimeout(retryTimer);
    const ctrl = new AbortController();
    stream = ctrl;
    runStream(ctrl, gen);
  }
  async function runStream(ctrl, g) {
    let opened = 0;
    try {
      const res = await fetch(base + '/api/chat/stream?after=' + encodeURIComponent(cursor), {
        headers: { Accept: 'text/event-stream', Authorization: 'Bearer ' + token },
        credentials: 'omit', cache: 'no-store', signal: ctrl.signal,
      });
      if (res.status === 401) { if (g === gen && stream === ctrl) expire(); return; }
      if (!res.ok || !res.body) throw new Error('stream ' + res.status);
      opened = Date.now();
      setConn(true);
      const reader = res.body.getReader();
      const dec = new TextDecoder();
      let buf = '';
      let ev = { type: '', data: [], id: null };
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buf += dec.decode(value, { stream: true });
        let i;
        while ((i = buf.search(/[\r\n]/)) >= 0) {
          // a trailing CR may be the first half of a CRLF split across chunks
          if (buf[i] === '\r' && i === buf.length - 1) break;
          const line = buf.slice(0, i);
          buf = buf.slice(i + (buf[i] === '\r' && buf[i + 1] === '\n' ? 2 : 1));
          if (line === '') {
            if (ev.data.length && g === gen && stream === ctrl) dispatch(ev.type || 'message', ev.data.join('\n'));
            ev = { type: '', data: [], id: null };
            continue;
          }
          const c = line.indexOf(':');
          if (c === 0) continue; // comment / heartbeat
          const field = c < 0 ? line : line.slice(0, c);
          let val = c < 0 ? '' : line.slice(c + 1);
          if (val[0] === ' ') val = val.slice(1);
          if (field === 'event') ev.type = val;
          else if (field === 'data') ev.data.push(val);
          else if (field === 'id') ev.id = val;
        }
      }
    } catch {
      if (ctrl.signal.aborted) return;
    }
    if (stream !== ctrl) return; // stopped or replaced meanwhile
    stream = null;
    if (g !== gen || !token) return;
    // A stream that lived a while starts the backoff over; one that keeps failing backs off to 15 s.
    if (opened && Date.now() - opened > 10000) attempt = 0;
    if (attempt >= 1) setConn(false);
    retryTimer = setTimeout(startStream, BACKOFF[Math.min(attempt++, BACKOFF.length - 1)]);
  }
  function dispatch(type, data) {
    let o;
    try { o = JSON.parse(data); } catch { return; }
    if (type === 'message') addMessage(o, 'stream');
    else if (type === 'status') applyStatus(o);
    else if (type === 'typing') onTyping(o);
  }

  // ---------- messages ----------
  function safeHtml(html) {
    const t = d.createElement('template'); // inert: nothing loads or runs while we clean it
    t.innerHTML = html;
    const f = t.content;
    f.querySelectorAll('script,style,iframe,frame,frameset,object,embed,link,meta,base,form,input,button,textarea,select,svg,math,template')
      .forEach((n) => n.remove());
    f.querySelectorAll('*').forEach((n) => {
      for (const a of Array.from(n.attributes)) {
        const nm = a.name.toLowerCase();
        const url = /^(href|src|action|formaction|xlink:href|srcset|poster|background)$/.test(nm);
        const v = a.value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
        if (nm.startsWith('on') || nm === 'srcdoc'
          || (url && /^(javascript|vbscript):/.test(v))
          || (url && v.startsWith('data:') && !(n.tagName === 'IMG' && nm === 'src' && /^data:image\/(png|gif|jpe?g|webp);/.test(v)))) {
          n.removeAttribute(a.name);
        }
      }
      if (n.tagName === 'A') { n.setAttribute('target', '_blank'); n.setAttribute('rel', 'noopener noreferrer'); }
    });
    return f;
  }

  function fmtTime(at) {
    const t = at ? new Date(at) : null;
    if (!t || isNaN(t)) return null;
    return h('time', { datetime: t.toISOString(), title: t.toLocaleString(), text: t.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) });
  }

  function renderMessage(m) {
    const author = ['customer', 'bot', 'agent', 'system'].includes(m.author) ? m.author : 'system';
    const el = h('div', { class: 'acw-msg acw-' + author });
    if (m.id != null) el.dataset.id = m.id;
    if (author === 'system') {
      el.append(h('p', { class: 'acw-sys', text: m.text || '' }));
      return el;
    }
    const label = author === 'agent' ? (m.name ? m.name + ' · Support' : 'Support')
      : author === 'bot' ? 'Assistant' : 'You';
    el.dataset.who = author + '|' + label;
    el.append(h('div', { class: 'acw-name' + (author === 'customer' ? ' acw-sr' : ''), text: label }));
    const bubble = h('div', { class: 'acw-bubble' });
    if ((author === 'bot' || author === 'agent') && typeof m.html === 'string' && m.html) {
      bubble.append(safeHtml(m.html));
    } else {
      bubble.classList.add('acw-plain');
      bubble.textContent = m.text || '';
    }
    el.append(bubble);
    const meta = h('div', { class: 'acw-meta' }, fmtTime(m.at));
    el.append(meta);
    return el;
  }

  // Consecutive messages of one author show the name only once (it stays for screen readers).
  function group(el) {
    if (!el || !el.dataset.who) return;
    const prev = el.previousElementSibling;
    const cont = !!prev && prev.dataset.who === el.dataset.who;
    el.classList.toggle('acw-cont', cont);
    const name = el.querySelector('.acw-name');
    if (name && el.dataset.who.slice(0, 8) !== 'customer') name.classList.toggle('acw-sr', cont);
  }

  function place(el, id) {
    let ref = null;
    for (let k = ui.log.lastElementChild; k; k = k.previousElementSibling) {
      if (k.dataset.pending || num(k.dataset.id) > id) ref = k; else break;
    }
    ui.log.insertBefore(el, ref);
  }

  function nearBottom() {
    const s = ui.scroll;
    return s.scrollHeight - s.scrollTop - s.clientHeight < 120;
  }
  function scrollDown(force) {
    if (force || nearBottom()) requestAnimationFrame(() => { ui.scroll.scrollTop = ui.scroll.scrollHeight; });
  }

  // src: 'stream' | 'transcript' | 'post' (the reply to our own POST does not move the stream cursor)
  function addMessage(m, src) {
    if (!m || typeof m !== 'object' || m.id == null || !ui) return;
    const id = num(m.id);
    if (src !== 'post' && id != null && id > cursor) cursor = id;
    if (seen.has(m.id)) {
      const p0 = m.clientId && pending.get(m.clientId);
      if (p0) { p0.el.remove(); pending.delete(m.clientId); }
      return;
    }
    const stick = nearBottom() || m.author === 'customer';
    const el = renderMessage(m);
    const p = m.clientId && pending.get(m.clientId);
    if (p) {
      const next = p.el.nextElementSibling;
      p.el.remove();
      pending.delete(m.clientId);
      group(next);
    }
    place(el, id == null ? Infinity : id);
    seen.set(m.id, el);
    group(el);
    group(el.nextElementSibling);
    if (m.author === 'agent' || m.author === 'bot') hideTyping();
    if (src === 'stream' && !isOpen && m.author !== 'customer') {
      unread++;
      if (opts.onUnread) opts.onUnread(unread);
    }
    if (stick) scrollDown(true);
  }

  function addPending(item) {
    const el = renderMessage({ author: 'customer', text: item.text });
    el.dataset.pending = '1';
    el.classList.add('acw-pending');
    el.querySelector('.acw-meta').textContent = 'Sending…';
    item.el = el;
    pending.set(item.clientId, item);
    ui.log.append(el);
    group(el);
    scrollDown(true);
  }
  function markFailed(item, why) {
    const el = item.el;
    el.classList.remove('acw-pending');
    el.classList.add('acw-failed');
    const meta = el.querySelector('.acw-meta');
    meta.textContent = (why ? why + ' ' : 'Not sent. ');
    meta.append(h('button', { type: 'button', class: 'acw-link', text: 'Retry', onclick: () => deliver(item, true) }));
  }

  // ---------- sending ----------
  async function submit() {
    const text = ui.input.value;
    if (!text.trim() || text.length > maxLen || cooling || isClosed()) return;
    clearError();
    const item = { clientId: uuid(), text };
    ui.input.value = '';
    autosize();
    updateComposer();
    addPending(item);
    deliver(item, true);
  }

  async function deliver(item, mayRetry) {
    const el = item.el;
    el.classList.remove('acw-failed');
    el.classList.add('acw-pending');
    el.querySelector('.acw-meta').textContent = 'Sending…';
    const g = gen;
    try {
      await ensureSession();
      const res = await api('POST', '/api/chat/messages', { clientId: item.clientId, text: item.text });
      if (res.status === 401 && mayRetry) {
        // the conversation has expired: start a fresh one and send the message there
        expire();
        addPending(item);
        return deliver(item, false);
      }
      if (!res.ok) throw await httpError(res);
      const j = await json(res);
      if (g !== gen) return;
      if (j && j.message) addMessage(j.message, 'post');
      else if (pending.has(item.clientId)) el.querySelector('.acw-meta').textContent = 'Sent';
      lastTypingSent = 0;
    } catch (e) {
      if (g !== gen && !pending.has(item.clientId)) return;
      if (e.status === 401) expire();
      if (e.status >= 400 && e.status < 500 && e.status !== 408) {
        const msg = e.status === 429 ? null : problemText(e.problem, 'Your message could not be sent.');
        if (!ui.input.value) {
          el.remove();
          pending.delete(item.clientId);
          ui.input.value = item.text;
          autosize();
          if (msg) showError(msg, true);
        } else {
          markFailed(item, msg);
        }
        if (e.status === 429) cooldown(e.retryAfter);
        updateComposer();
      } else {
        markFailed(item, e.status ? problemText(e.problem, null) : null);
      }
    }
  }

  function cooldown(sec) {
    sec = Math.max(1, Math.ceil(sec == null ? 10 : sec));
    cooling = true;
    showError(`You're sending messages too quickly. Try again in ${sec} s.`);
    updateComposer();
    clearTimeout(coolTimer);
    coolTimer = setTimeout(() => {
      cooling = false;
      if (ui.error.dataset.kind === 'cool') clearError();
      updateComposer();
    }, sec * 1000);
  }

  function showError(text, invalid) {
    ui.error.textContent = text;
    ui.error.dataset.kind = invalid ? 'invalid' : 'cool';
    ui.error.hidden = false;
    if (invalid) ui.input.setAttribute('aria-invalid', 'true');
  }
  function clearError() {
    ui.error.textContent = '';
    ui.error.hidden = true;
    delete ui.error.dataset.kind;
    ui.input.removeAttribute('aria-invalid');
  }

  function isClosed() { return !!status && status.stage === 'closed'; }

  function updateComposer() {
    if (!ui) return;
    const v = ui.input.value;
    const n = v.length;
    const closed = isClosed();
    ui.input.disabled = closed;
    ui.input.placeholder = closed ? 'This conversation has ended' : 'Type your message…';
    ui.send.disabled = !v.trim() || n > maxLen || cooling || closed;
    const near = n >= Math.floor(maxLen * 0.9);
    ui.counter.hidden = !near;
    ui.counter.classList.toggle('acw-over', n > maxLen);
    if (near) {
      ui.counter.textContent = n.toLocaleString() + ' / ' + maxLen.toLocaleString();
      ui.counter.title = n > maxLen ? 'Too long: remove ' + (n - maxLen) + ' characters' : (maxLen - n) + ' characters left';
    }
  }
  function autosize() {
    const t = ui.input;
    t.style.height = 'auto';
    t.style.height = Math.min(t.scrollHeight + 2, 140) + 'px';
  }

  function onInput() {
    autosize();
    updateComposer();
    if (ui.error.dataset.kind === 'invalid') clearError();
    const now = Date.now();
    if (token && ui.input.value.trim() && now - lastTypingSent >= TYPING_EVERY) {
      lastTypingSent = now;
      api('POST', '/api/chat/typing', {}).then((r) => { if (r.status === 401) expire(); }, () => {});
    }
  }

  // ---------- status, typing, rating ----------
  function setStrip(text, action) {
    ui.strip.textContent = text;
    if (action) ui.strip.append(' ', action);
    ui.strip.hidden = !text;
  }
  function setSub() {
    const s = status || {};
    let t = 'Our assistant replies right away';
    if (s.stage === 'queued' || s.stage === 'offered') t = s.team ? 'Connecting you to the ' + s.team + ' team' : 'Connecting you to our team';
    else if (s.stage === 'assigned') t = (s.agentName || 'Support') + (s.team ? ' · ' + s.team : '');
    else if (s.stage === 'resolved') t = 'Conversation resolved';
    else if (s.stage === 'closed') t = 'Conversation ended';
    ui.sub.textContent = t;
  }
  function setConn(ok) {
    if (ui) ui.conn.hidden = ok;
  }

  function applyStatus(s) {
    if (!s || typeof s !== 'object' || !ui) return;
    const prevStage = status && status.stage;
    status = s;
    const m = num(s.maxTextLength);
    if (m && m > 0) maxLen = m;
    switch (s.stage) {
      case 'queued':
      case 'offered': {
        let t = s.queuePosition ? `You're number ${s.queuePosition} in the queue` : "You're in the queue";
        const w = num(s.estimatedWaitSeconds);
        const opens = s.expectedAnswerAt ? new Date(s.expectedAnswerAt) : null;
        // Out of hours the team answers when it opens: say when, in the customer's own time.
        if (opens && !isNaN(opens)) t = 'Our team is closed now. Expect an answer from ' + opens.toLocaleString([], { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
        else if (w != null && w >= 0) t += ' · about ' + Math.max(1, Math.round(w / 60)) + ' min';
        setStrip(t);
        break;
      }
      case 'assigned':
        setStrip((s.agentName || 'An agent') + ' has joined');
        break;
      case 'resolved':
        setStrip('This conversation has been marked as resolved.');
        break;
      case 'closed':
        setStrip('This conversation has ended.', h('button', { type: 'button', class: 'acw-link', text: 'Start a new conversation', onclick: newConversation }));
        break;
      default:
        setStrip('');
    }
    setSub();
    if (prevStage !== s.stage && s.stage !== 'resolved') ratedHere = false;
    // A resolved case asks for a rating, and so does an answer of the bot's that the customer said worked.
    // A rating on its way stays: the status that says it is stored may come before the answer to the send.
    if (s.ratingRequested && !s.rated && !ratedHere) showRating();
    else if (!ratedHere && ui.rating.dataset.state !== 'sending') { ui.rating.hidden = true; ui.rating.textContent = ''; }
    updateComposer();
  }

  function newConversation() {
    expire();
    ui.input.focus();
  }

  function onTyping(t) {
    if (!t || typeof t !== 'object') return;
    if (t.typing === false) { hideTyping(); return; }
    const text = (t.name || 'Support') + ' is typing…';
    if (ui.typingText.textContent !== text) ui.typingText.textContent = text;
    const stick = nearBottom();
    ui.typing.hidden = false;
    if (stick) scrollDown(true);
    clearTimeout(typingTimer);
    typingTimer = setTimeout(hideTyping, TYPING_HIDE);
  }
  function hideTyping() {
    clearTimeout(typingTimer);
    if (ui) ui.typing.hidden = true;
  }

  function showRating() {
    const card = ui.rating;
    if (!card.hidden && (card.dataset.state === 'form' || card.dataset.state === 'sending')) return;
    card.textContent = '';
    card.dataset.state = 'form';
    let score = 0;
    const stars = [];
    const paint = (n) => stars.forEach((b, i) => b.classList.toggle('acw-on', i < n));
    const row = h('div', { class: 'acw-stars', role: 'group', 'aria-labelledby': 'acw-rate-title' });
    for (let i = 1; i <= 5; i++) {
      const b = h('button', {
        type: 'button', class: 'acw-star', 'aria-label': i + (i === 1 ? ' star' : ' stars'), 'aria-pressed': 'false',
        onclick: () => {
          score = i;
          stars.forEach((s, k) => s.setAttribute('aria-pressed', String(k + 1 === i)));
          paint(i);
          send.disabled = false;
        },
        onmouseenter: () => paint(i),
        onmouseleave: () => paint(score),
      }, '★');
      stars.push(b);
      row.append(b);
    }
    const note = h('textarea', { id: 'acw-rate-comment', class: 'acw-field', rows: '2', maxlength: '2000' });
    const err = h('p', { class: 'acw-error', role: 'alert', hidden: true });
    const send = h('button', { type: 'submit', class: 'acw-btn', disabled: true, text: 'Send' });
    const form = h('form', {
      class: 'acw-rate-form',
      onsubmit: async (e) => {
        e.preventDefault();
        if (!score) return;
        send.disabled = true;
        err.hidden = true;
        card.dataset.state = 'sending';
        const g = gen;
        try {
          const c = note.value.trim();
          const res = await api('POST', '/api/chat/rating', { score, comment: c || null });
          if (g !== gen) return;
          if (res.status === 401) { expire(); return; }
          if (!res.ok) throw await httpError(res);
          ratedHere = true;
          if (status) status.rated = true;
          card.dataset.state = 'done';
          card.textContent = '';
          card.append(h('p', { class: 'acw-thanks', tabindex: '-1', text: 'Thanks for your feedback.' }));
          card.hidden = false;
          card.firstChild.focus();
        } catch (ex) {
          card.dataset.state = 'form';
          err.textContent = problemText(ex.problem, "We couldn't send your rating. Please try again.");
          err.hidden = false;
          send.disabled = false;
        }
      },
    },
    h('h3', { id: 'acw-rate-title', class: 'acw-rate-title', text: 'How did we do?' }),
    row,
    h('label', { for: 'acw-rate-comment', class: 'acw-label', text: 'Comment (optional)' }),
    note, err, send);
    card.append(form);
    card.hidden = false;
    scrollDown(true);
  }

  // ---------- host page context ----------
  function pageInfo() { return { url: location.href, title: d.title }; }
  function notePage() {
    clearTimeout(pageTimer);
    pageTimer = setTimeout(postPage, 250); // titles are often set just after pushState
  }
  async function postPage() {
    if (!token || !opts.embedded) return;
    const p = pageInfo();
    const key = p.url + '\n' + p.title;
    if (key === lastPage) return;
    lastPage = key;
    const g = gen;
    try {
      const res = await api('POST', '/api/chat/page', p);
      if (res.status === 401 && g === gen) expire();
    } catch { lastPage = ''; }
  }
  function hookHistory() {
    if (hooked) return;
    hooked = true;
    for (const m of ['pushState', 'replaceState']) {
      const orig = history[m];
      if (typeof orig !== 'function') continue;
      history[m] = function (...args) {
        const r = orig.apply(this, args);
        notePage();
        return r;
      };
    }
    window.addEventListener('popstate', notePage);
    window.addEventListener('hashchange', notePage);
  }

  // ---------- building the panel ----------
  function build() {
    const emb = !!opts.embedded;
    const input = h('textarea', {
      id: 'acw-input', class: 'acw-input', rows: '1', placeholder: 'Type your message…',
      'aria-describedby': 'acw-error acw-counter', autocomplete: 'off',
    });
    const send = h('button', { type: 'submit', class: 'acw-send', 'aria-label': 'Send', disabled: true }, icon('send'));
    const error = h('p', { id: 'acw-error', class: 'acw-error', role: 'alert', hidden: true });
    const counter = h('p', { id: 'acw-counter', class: 'acw-counter', hidden: true });
    const log = h('div', { class: 'acw-log', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions', 'aria-label': 'Conversation' });
    const typingText = h('span', {});
    const typing = h('div', { class: 'acw-typing', hidden: true }, h('span', { class: 'acw-dots', 'aria-hidden': 'true' }, h('i'), h('i'), h('i')), typingText);
    const rating = h('section', { class: 'acw-rating', 'aria-labelledby': 'acw-rate-title', hidden: true });
    const scroll = h('div', { class: 'acw-scroll' },
      h('div', { class: 'acw-msg acw-bot acw-intro' },
        h('div', { class: 'acw-name', text: 'Assistant' }),
        h('div', { class: 'acw-bubble', text: 'Hi there! Ask us anything. Our assistant answers right away, and someone from our team can take over whenever you need a person.' })),
      log, typing, rating);
    const sub = h('p', { id: 'acw-sub', class: 'acw-sub' });
    const strip = h('div', { class: 'acw-strip', role: 'status', hidden: true });
    const conn = h('div', { class: 'acw-conn', role: 'status', hidden: true, text: 'Connection lost. Reconnecting…' });
    const form = h('form', {
      class: 'acw-compose', novalidate: true,
      onsubmit: (e) => { e.preventDefault(); submit(); },
    },
    h('label', { for: 'acw-input', class: 'acw-sr', text: 'Your message' }),
    h('div', { class: 'acw-row' }, input, send),
    h('div', { class: 'acw-foot' }, error, counter));
    const panel = h('div', {
      id: 'acw-panel', class: 'acw-panel ' + (emb ? 'acw-embedded' : 'acw-page'),
      role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'acw-title', 'aria-describedby': 'acw-sub', tabindex: '-1', hidden: true,
    },
    h('header', { class: 'acw-head' },
      h('span', { class: 'acw-avatar', 'aria-hidden': 'true' }, icon('chat')),
      h('div', { class: 'acw-htext' }, h('h2', { id: 'acw-title', class: 'acw-title', text: 'Chat with support' }), sub),
      emb ? h('button', { type: 'button', class: 'acw-close', 'aria-label': 'Close chat', onclick: close }, icon('close')) : null),
    strip, conn, scroll, form);

    input.addEventListener('input', onInput);
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) { e.preventDefault(); submit(); }
    });
    panel.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && opts.embedded) { e.stopPropagation(); close(); }
    });
    ui = { panel, input, send, error, counter, log, typing, typingText, rating, scroll, sub, strip, conn };
    setSub();
    (opts.container || d.body).append(panel);
  }

  // ---------- public API ----------
  function open(o) {
    opts = Object.assign({}, opts, o || {});
    base = String(opts.base || base || location.origin).replace(/\/+$/, '');
    if (!ui) {
      if (!d.body) { d.addEventListener('DOMContentLoaded', () => open(), { once: true }); return; }
      build();
      token = store.get();
    } else if (!token && !sessionPromise) {
      token = store.get(); // a conversation may have been started in another tab
    }
    if (opts.embedded) hookHistory();
    else d.documentElement.classList.add('acw-pagehost');
    const wasOpen = isOpen;
    if (!wasOpen) returnFocus = d.activeElement;
    ui.panel.hidden = false;
    isOpen = true;
    d.documentElement.classList.toggle('acw-lock', !!opts.embedded);
    unread = 0;
    if (opts.onUnread) opts.onUnread(0);
    if (opts.onOpen) opts.onOpen();
    updateComposer();
    if (token) {
      if (!loaded) loadTranscript();
      else if (!stream) startStream();
      if (opts.embedded && !wasOpen) { lastPage = ''; postPage(); }
    }
    if (!opts.auto || !opts.embedded) {
      requestAnimationFrame(() => (wide() && !ui.input.disabled ? ui.input : ui.panel).focus());
    }
    scrollDown(true);
  }

  function close() {
    if (!ui || !isOpen) return;
    const inside = ui.panel.contains(d.activeElement);
    ui.panel.hidden = true;
    isOpen = false;
    d.documentElement.classList.remove('acw-lock');
    if (opts.onClose) opts.onClose();
    if (inside && returnFocus && returnFocus.isConnected && returnFocus !== d.body) returnFocus.focus();
    else if (inside && opts.launcher) opts.launcher.focus();
  }

  const resume = () => { attempt = 0; if (token && loaded && !stream) startStream(); };
  window.addEventListener('online', resume);
  // Leaving the page closes the stream at once (and keeps the page eligible for the back/forward cache).
  window.addEventListener('pagehide', () => { clearTimeout(retryTimer); stopStream(); });
  window.addEventListener('pageshow', (e) => { if (e.persisted) resume(); });

  window.AgentConsoleChat = { open, close };

  // The standalone page opens itself: <script src="/chat/panel.js" data-open="page">
  if (me && me.dataset.open === 'page') open({ base: location.origin, embedded: false });
})();
