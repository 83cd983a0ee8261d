// The live connection to /live/<CODE>, shared by the phone, facilitator and projector pages.
//
// Phones on venue Wi-Fi lose their socket all the time (screen locks, app switches, access-point
// hand-overs), so the socket is treated as disposable: the client reconnects by itself, greets again,
// takes the server's fresh snapshot as the truth, and re-sends every command the server has not
// acknowledged. Picks and the facilitator's set-to-value commands are idempotent on the server, which
// is what makes re-sending safe; keeping the pending map in insertion order keeps pick→unpick sequences
// right.

const BACKOFF_MS = [500, 1000, 2000, 4000, 5000];
const MAX_BACKOFF_MS = 5000;
// No ack within this time: the socket most likely died without a close event (a sleeping phone, a
// dropped access point). Recycling it makes the command go out again on a fresh connection.
const ACK_TIMEOUT_MS = 8000;
const BUSY_RETRY_MS = 1000;
// After this long in the background a socket that still says OPEN is often dead; a new one is cheap.
const STALE_AFTER_HIDDEN_MS = 15000;
const MAX_FRAME_BYTES = 8192;
// After TOO_MANY_ATTEMPTS the server refuses this address for a minute; knocking sooner only adds load.
const HOLD_OFF_MS = 60000;
// Errors after which retrying cannot help: the page has to do something else (join again, show a message).
const FATAL_CODES = new Set(['WRONG_SECRET', 'UNKNOWN_SESSION']);

export class LiveError extends Error {
  constructor(code, message) {
    super(message || code);
    this.code = code;
  }
}

function newId() {
  const c = globalThis.crypto;
  // randomUUID exists only in secure contexts; a venue laptop serves plain http on the LAN.
  if (typeof c?.randomUUID === 'function') return c.randomUUID();
  const bytes = new Uint8Array(16);
  if (typeof c?.getRandomValues === 'function') c.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * new LiveClient({code, role, secret, on: {welcome, view, you, status, error, fatal}}).start()
 * - role: facilitator | projector | participant | note-taker
 * - on.view(msg) for every audience (msg.audience: facilitator, projector, note-taker, participant,
 *   subgroup, harvest); frames older than one already seen for the same audience are dropped.
 * - on.status(status, {reconnected}) with status connecting | online | reconnecting | offline
 * - on.error(err) for errors that answer no pending command; on.fatal(err) for WRONG_SECRET /
 *   UNKNOWN_SESSION, after which the client has stopped.
 * - send(type, fields) returns a promise of the ack frame, rejected with a LiveError.
 */
export class LiveClient {
  status = 'connecting';

  #url;
  #hello;
  #on;
  #ws = null;
  #greeted = false;
  #everGreeted = false;
  #stopped = false;
  #attempt = 0;
  #retryTimer = 0;
  #holdOff = 0;
  #hiddenAt = 0;
  #pending = new Map();
  // Newest version seen per frame kind: `you`, and `view:<audience>`. A participant gets views of
  // several audiences (participant, subgroup, harvest), each coalesced on its own: one audience's
  // version says nothing about another's, so each is compared only with its own kind.
  #seen = new Map();

  constructor({ code, role, secret, on = {} }) {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    this.#url = `${scheme}://${location.host}/live/${encodeURIComponent(code)}`;
    this.#hello = { type: 'hello', role, secret };
    this.#on = on;
  }

  start() {
    addEventListener('online', this.#onOnline);
    addEventListener('offline', this.#onOffline);
    document.addEventListener('visibilitychange', this.#onVisibility);
    this.#connect();
    return this;
  }

  /** Ends the connection for good; unanswered commands are dropped without a callback. */
  stop() {
    this.#shutdown(null);
  }

  #shutdown(reason) {
    this.#stopped = true;
    removeEventListener('online', this.#onOnline);
    removeEventListener('offline', this.#onOffline);
    document.removeEventListener('visibilitychange', this.#onVisibility);
    clearTimeout(this.#retryTimer);
    this.#drop();
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const p of pending) {
      clearTimeout(p.timer);
      if (reason) p.reject(reason);
    }
  }

  send(type, fields = {}) {
    return new Promise((resolve, reject) => {
      if (this.#stopped) return reject(new LiveError('NETWORK', 'connection stopped'));
      const id = newId();
      const frame = JSON.stringify({ ...fields, type, id });
      // The server closes the socket on a frame above 8 KB (max-frame-size); re-sending it would loop forever.
      if (new TextEncoder().encode(frame).length > MAX_FRAME_BYTES) {
        return reject(new LiveError('FRAME_TOO_LARGE', 'frame too large'));
      }
      this.#pending.set(id, { frame, resolve, reject, timer: 0 });
      this.#transmit(id);
    });
  }

  #transmit(id) {
    const p = this.#pending.get(id);
    if (!p || !this.#greeted) return; // goes out after the next welcome
    const ws = this.#ws;
    ws.send(p.frame);
    clearTimeout(p.timer);
    p.timer = setTimeout(() => {
      if (this.#pending.has(id) && this.#ws === ws) this.#reconnectNow();
    }, ACK_TIMEOUT_MS);
  }

  #take(id) {
    const p = id == null ? undefined : this.#pending.get(id);
    if (p) {
      clearTimeout(p.timer);
      this.#pending.delete(id);
    }
    return p;
  }

  #connect() {
    clearTimeout(this.#retryTimer);
    if (this.#stopped) return;
    this.#drop();
    this.#setStatus(this.#everGreeted ? 'reconnecting' : 'connecting');
    let ws;
    try {
      ws = new WebSocket(this.#url);
    } catch {
      this.#retry();
      return;
    }
    this.#ws = ws;
    ws.onopen = () => {
      const hello = { ...this.#hello };
      const version = this.#lastViewVersion();
      if (version >= 0) hello.version = version;
      ws.send(JSON.stringify(hello));
    };
    ws.onmessage = (event) => {
      if (this.#ws === ws) this.#receive(event.data);
    };
    ws.onclose = () => {
      if (this.#ws !== ws) return;
      this.#ws = null;
      this.#greeted = false;
      this.#retry();
    };
  }

  /** Forget the current socket without waiting for its close handshake (a dead one may never answer). */
  #drop() {
    const ws = this.#ws;
    this.#ws = null;
    this.#greeted = false;
    if (!ws) return;
    ws.onopen = ws.onmessage = ws.onclose = null;
    try {
      ws.close();
    } catch {
      /* already closed */
    }
  }

  #retry() {
    if (this.#stopped) return;
    this.#setStatus(this.#everGreeted ? 'reconnecting' : 'connecting');
    const base = BACKOFF_MS[Math.min(this.#attempt, BACKOFF_MS.length - 1)];
    this.#attempt += 1;
    // Jitter, so a room full of phones does not reconnect in one burst after a server restart.
    const delay = this.#holdOff || Math.min(MAX_BACKOFF_MS, base * (0.8 + Math.random() * 0.4));
    this.#holdOff = 0;
    this.#retryTimer = setTimeout(() => this.#connect(), delay);
  }

  #reconnectNow() {
    if (this.#stopped) return;
    this.#attempt = 0;
    this.#connect();
  }

  #onOnline = () => this.#reconnectNow();

  #onOffline = () => this.#setStatus('offline');

  #onVisibility = () => {
    if (document.visibilityState === 'hidden') {
      this.#hiddenAt = Date.now();
      return;
    }
    const slept = this.#hiddenAt > 0 && Date.now() - this.#hiddenAt > STALE_AFTER_HIDDEN_MS;
    this.#hiddenAt = 0;
    if (!this.#greeted || slept) this.#reconnectNow();
  };

  #setStatus(status, info = {}) {
    if (status !== 'online' && navigator.onLine === false) status = 'offline';
    if (status === this.status && !info.reconnected) return;
    this.status = status;
    this.#on.status?.(status, info);
  }

  #receive(data) {
    let msg;
    try {
      msg = JSON.parse(data);
    } catch {
      return;
    }
    switch (msg?.type) {
      case 'welcome':
        this.#welcome(msg);
        break;
      case 'view':
      case 'you':
        this.#deliver(msg);
        break;
      case 'participants':
        // The facilitator's participant list: the whole list after each hello, then only what changed, in order
        // (never coalesced, so no version check: each one must be applied).
        this.#on.participants?.(msg);
        break;
      case 'ack':
        // A command that changed the sender's own state brings that state along (no separate `you` frame).
        if (msg.you && typeof msg.you === 'object') this.#deliver({ type: 'you', ...msg.you });
        this.#take(msg.id)?.resolve(msg);
        break;
      case 'error':
        this.#error(msg);
        break;
      default:
        break;
    }
  }

  #deliver(msg) {
    // Views are coalesced and may overtake each other; an older one would undo newer state.
    const kind = msg.type === 'view' ? `view:${msg.audience ?? ''}` : 'you';
    if (typeof msg.version === 'number') {
      if (msg.version < (this.#seen.get(kind) ?? -1)) return;
      this.#seen.set(kind, msg.version);
    }
    this.#on[msg.type]?.(msg);
  }

  #welcome(msg) {
    // A server that restarted from older state counts from a lower version; its snapshot is the truth.
    if (typeof msg.version === 'number' && msg.version < Math.max(-1, ...this.#seen.values())) this.#seen.clear();
    const reconnected = this.#everGreeted;
    this.#greeted = true;
    this.#everGreeted = true;
    this.#attempt = 0;
    this.#on.welcome?.(msg);
    this.#setStatus('online', { reconnected });
    for (const id of this.#pending.keys()) this.#transmit(id);
  }

  #lastViewVersion() {
    let last = -1;
    for (const [kind, version] of this.#seen) if (kind.startsWith('view:') && version > last) last = version;
    return last;
  }

  #error(msg) {
    const err = new LiveError(msg.code || 'UNKNOWN', msg.message);
    if (FATAL_CODES.has(err.code)) {
      this.#shutdown(err);
      this.#setStatus('offline');
      this.#on.fatal?.(err);
      return;
    }
    if (err.code === 'TOO_MANY_ATTEMPTS') this.#holdOff = HOLD_OFF_MS;
    const p = msg.id == null ? undefined : this.#pending.get(msg.id);
    if (p && err.code === 'SESSION_BUSY') {
      // The server refused without changing anything; the same command goes out again shortly.
      clearTimeout(p.timer);
      p.timer = setTimeout(() => this.#transmit(msg.id), BUSY_RETRY_MS);
      return;
    }
    if (p) {
      this.#take(msg.id);
      p.reject(err);
    } else {
      this.#on.error?.(err);
    }
  }
}
