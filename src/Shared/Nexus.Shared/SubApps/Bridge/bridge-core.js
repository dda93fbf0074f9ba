// Nexus bridge: the part both sides share — the envelope, its checks, and request/response correlation.
// Plain ES module, no dependencies, no build step. The protocol is documented in docs/bridge.md.

export const NAMESPACE = 'nexus-bridge';
export const VERSION = 1;
export const SUPPORTED_VERSIONS = [1];
export const DEFAULT_REQUEST_TIMEOUT_MS = 5000;

/** An error that crossed (or failed to cross) the bridge: `code` is machine-readable, `message` is for people. */
export class BridgeError extends Error {
  constructor(code, message) {
    super(message || code);
    this.name = 'BridgeError';
    this.code = code;
  }
}

export function randomId() {
  if (globalThis.crypto && typeof globalThis.crypto.randomUUID === 'function') {
    return globalThis.crypto.randomUUID();
  }
  return Math.random().toString(36).slice(2) + Date.now().toString(36);
}

/** True when `data` is a bridge envelope of a version this code speaks. Anything else is ignored silently. */
export function isEnvelope(data) {
  return data !== null && typeof data === 'object' && data.ns === NAMESPACE
    && SUPPORTED_VERSIONS.includes(data.v) && typeof data.kind === 'string' && typeof data.session === 'string';
}

export function envelope(session, kind, fields) {
  return Object.assign({ ns: NAMESPACE, v: VERSION, kind, session }, fields);
}

/**
 * The one check for every path that crosses the bridge (navigate, route): a same-origin, root-relative path,
 * returned normalised — or null. Browsers read `\` as `/` and drop tabs and newlines inside URLs, so
 * `/\evil.example`, `/<tab>/evil.example` and `///evil.example` all name another host; they, anything that resolves
 * off the page's origin, and anything whose normalised form starts with `//` (`/.//evil.example`) are refused.
 * SubAppPaths.IsSafeRootPath is the server's equivalent.
 */
export function safeRootPath(path) {
  if (typeof path !== 'string' || !path.startsWith('/') || path.startsWith('//') || path.length > 2048) {
    return null;
  }
  // eslint-disable-next-line no-control-regex
  if (/[\\\u0000-\u001f\u007f]/.test(path)) {
    return null;
  }
  const probe = 'https://nexus.invalid';
  let url;
  try {
    url = new URL(path, probe);
  } catch {
    return null;
  }
  const normalised = url.pathname + url.search + url.hash;
  return url.origin === probe && !normalised.startsWith('//') ? normalised : null;
}

/** The origin of a URL, or null for anything that is not an absolute http(s) URL. */
export function originOf(url, base) {
  try {
    const parsed = new URL(url, base);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

/** Normalises an allow-list: exact origins only. '*' and anything that is not an origin are refused loudly. */
export function normaliseOrigins(origins) {
  if (!Array.isArray(origins) || origins.length === 0) {
    throw new BridgeError('config', 'The bridge needs at least one allowed origin.');
  }
  return origins.map((o) => {
    const origin = originOf(o);
    if (o === '*' || origin === null || origin !== String(o).replace(/\/$/, '')) {
      throw new BridgeError('config', `'${o}' is not an origin; the bridge accepts exact origins only (never '*').`);
    }
    return origin;
  });
}

/**
 * One end of a connected conversation: sends requests and events to the other window, answers its requests
 * with the registered handlers, and times out requests that get no answer.
 */
export class Channel {
  constructor({ target, targetOrigin, session, requestTimeoutMs }) {
    this.target = target;
    this.targetOrigin = targetOrigin;
    this.session = session;
    this.requestTimeoutMs = requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.pending = new Map();
    this.handlers = new Map();
    this.listeners = new Map();
    this.closed = false;
  }

  post(kind, fields) {
    if (this.closed) {
      throw new BridgeError('disconnected', 'The bridge is closed.');
    }
    // Always an exact origin: the browser drops the message if the other window is no longer that origin.
    this.target.postMessage(envelope(this.session, kind, fields), this.targetOrigin);
  }

  /** Sends a request and resolves with the other side's answer; rejects with a BridgeError (timeout, remote error). */
  request(type, payload, options) {
    const timeoutMs = options && options.timeoutMs !== undefined ? options.timeoutMs : this.requestTimeoutMs;
    const id = randomId();
    return new Promise((resolve, reject) => {
      const timer = timeoutMs > 0
        ? setTimeout(() => {
          this.pending.delete(id);
          reject(new BridgeError('timeout', `No answer to '${type}' within ${timeoutMs} ms.`));
        }, timeoutMs)
        : null;
      this.pending.set(id, { resolve, reject, timer });
      try {
        this.post('request', { id, type, payload });
      } catch (error) {
        clearTimeout(timer);
        this.pending.delete(id);
        reject(error);
      }
    });
  }

  emit(type, payload) {
    this.post('event', { type, payload });
  }

  handle(type, handler) {
    this.handlers.set(type, handler);
  }

  on(type, listener) {
    if (!this.listeners.has(type)) {
      this.listeners.set(type, new Set());
    }
    this.listeners.get(type).add(listener);
    return () => this.listeners.get(type).delete(listener);
  }

  /** Handles an envelope already checked for source, origin, namespace and session. */
  async receive(message) {
    if (message.kind === 'response') {
      const waiting = this.pending.get(message.id);
      if (!waiting) {
        return; // Late answer after a timeout: nobody is waiting any more.
      }
      this.pending.delete(message.id);
      clearTimeout(waiting.timer);
      if (message.ok) {
        waiting.resolve(message.payload);
      } else {
        const error = message.error || {};
        waiting.reject(new BridgeError(String(error.code || 'remote_error'), String(error.message || 'The other side failed.')));
      }
    } else if (message.kind === 'request') {
      const handler = this.handlers.get(message.type);
      if (!handler) {
        this.safePost('response', { id: message.id, ok: false, error: { code: 'unknown_type', message: `No handler for '${message.type}'.` } });
        return;
      }
      try {
        const result = await handler(message.payload);
        this.safePost('response', { id: message.id, ok: true, payload: result === undefined ? null : result });
      } catch (error) {
        const code = error instanceof BridgeError ? error.code : 'handler_failed';
        this.safePost('response', { id: message.id, ok: false, error: { code, message: String(error && error.message || error) } });
      }
    } else if (message.kind === 'event') {
      for (const listener of this.listeners.get(message.type) || []) {
        try {
          listener(message.payload);
        } catch (error) {
          console.warn('nexus-bridge: an event listener failed', error);
        }
      }
    }
  }

  safePost(kind, fields) {
    try {
      this.post(kind, fields);
    } catch {
      // The other side went away while we were answering; nothing to tell it.
    }
  }

  /** Ends the conversation: every pending request fails with `disconnected`. */
  close(reason) {
    this.closed = true;
    for (const [id, waiting] of this.pending) {
      clearTimeout(waiting.timer);
      waiting.reject(new BridgeError('disconnected', reason || 'The other side went away.'));
      this.pending.delete(id);
    }
  }
}
