// Nexus bridge, sub-app side: runs in every page of a sub-app. Finds its host with a handshake (or learns
// quickly that it runs standalone), then offers toasts, confirms, titles, navigation, sizing and the token.
import { BridgeError, Channel, NAMESPACE, VERSION, isEnvelope, normaliseOrigins, originOf, randomId } from './bridge-core.js';

export const APP_CAPABILITIES = ['toast', 'confirm', 'title', 'navigate', 'route', 'resize', 'token', 'theme', 'focus'];
// Hello is repeated until the host answers: the host's script may load after ours.
const HELLO_DELAYS_MS = [0, 50, 100, 200, 400, 800, 1000];

/**
 * Connects this document to its host. Resolves with an AppBridge: `embedded` is false at once when the page
 * is not framed (standalone), and the promise rejects with `handshake_timeout` when framed by a window that
 * never answers (e.g. an origin that is not allowed).
 */
export function connect(options) {
  const opts = Object.assign({ handshakeTimeoutMs: 10000, requestTimeoutMs: 5000, capabilities: APP_CAPABILITIES, win: window }, options);
  const win = opts.win;
  if (win.parent === win) {
    return Promise.resolve(new AppBridge(null, opts, null));
  }
  const allowed = normaliseOrigins(opts.allowedOrigins);
  const session = randomId();
  // Chromium tells us the embedding origin; elsewhere the referrer does. Posting only there avoids console
  // noise from postMessage to origins the parent is not.
  const ancestor = win.location.ancestorOrigins && win.location.ancestorOrigins.length ? win.location.ancestorOrigins[0] : originOf(win.document.referrer);
  const targets = allowed.includes(ancestor) ? [ancestor] : allowed;

  return new Promise((resolve, reject) => {
    let attempt = 0;
    let helloTimer = null;
    const hello = {
      app: opts.name,
      route: currentRoute(win, opts.basePath),
      title: win.document.title,
      capabilities: opts.capabilities,
      versions: [VERSION],
    };
    const sendHello = () => {
      if (attempt === 0) {
        mark('hello');
      }
      for (const origin of targets) {
        win.parent.postMessage({ ns: NAMESPACE, v: VERSION, kind: 'hello', session, payload: hello }, origin);
      }
      const delay = HELLO_DELAYS_MS[Math.min(++attempt, HELLO_DELAYS_MS.length - 1)];
      helloTimer = setTimeout(sendHello, delay);
    };
    const giveUp = setTimeout(() => {
      clearTimeout(helloTimer);
      win.removeEventListener('message', onWelcome);
      reject(new BridgeError('handshake_timeout', `No host answered within ${opts.handshakeTimeoutMs} ms; is this origin allowed?`));
    }, opts.handshakeTimeoutMs);
    function onWelcome(event) {
      if (event.source !== win.parent || !allowed.includes(event.origin) || !isEnvelope(event.data) || event.data.session !== session) {
        return;
      }
      if (event.data.kind === 'reject') {
        clearTimeout(helloTimer);
        clearTimeout(giveUp);
        win.removeEventListener('message', onWelcome);
        reject(new BridgeError(event.data.error && event.data.error.code || 'rejected', event.data.error && event.data.error.message));
        return;
      }
      if (event.data.kind !== 'welcome') {
        return;
      }
      clearTimeout(helloTimer);
      clearTimeout(giveUp);
      win.removeEventListener('message', onWelcome);
      mark('welcome');
      const channel = new Channel({ target: win.parent, targetOrigin: event.origin, session, requestTimeoutMs: opts.requestTimeoutMs });
      resolve(new AppBridge(channel, opts, event.data.payload || {}));
    }
    win.addEventListener('message', onWelcome);
    sendHello();
  });
}

// Performance marks (nexus-bridge:hello, :welcome, :ready) let tools and benchmarks see where the time goes.
function mark(name) {
  if (typeof performance !== 'undefined' && performance.mark) {
    performance.mark(`nexus-bridge:${name}`);
  }
}

function currentRoute(win, basePath) {
  const path = win.location.pathname;
  const base = (basePath || '/').replace(/\/$/, '');
  const relative = base && path.toLowerCase().startsWith(base.toLowerCase()) ? path.slice(base.length) : path;
  return (relative.startsWith('/') ? relative : '/' + relative) + win.location.search + win.location.hash;
}

/** The sub-app's view of its host. Every method also works standalone, with a local stand-in. */
export class AppBridge {
  constructor(channel, opts, welcome) {
    this.channel = channel;
    this.opts = opts;
    this.win = opts.win;
    this.embedded = channel !== null;
    this.hostOrigin = channel ? channel.targetOrigin : null;
    this.capabilities = welcome ? welcome.capabilities || [] : [];
    this.context = welcome ? welcome.context || {} : {};
    this.token = welcome && welcome.token ? welcome.token : null;
    this.tokenListeners = new Set();
    this.lastHeight = -1;
    if (!channel) {
      return;
    }
    const win = this.win;
    win.addEventListener('message', (event) => {
      if (event.source === win.parent && event.origin === this.hostOrigin && isEnvelope(event.data) && event.data.session === channel.session) {
        channel.receive(event.data);
      }
    });
    channel.on('token', (token) => this.setToken(token));
    channel.on('context', (context) => this.applyContext(context));
    channel.on('focus', () => this.focusFirst());
    channel.handle('ping', () => ({ route: currentRoute(win, opts.basePath) }));
    this.applyContext(this.context);
    win.addEventListener('pagehide', () => channel.safePost('event', { type: 'bye', payload: null }));
    win.addEventListener('hashchange', () => this.reportRoute());
    win.addEventListener('popstate', () => this.reportRoute());
    if (opts.autoResize !== false) {
      this.startAutoResize();
    }
  }

  supports(capability) {
    return !this.embedded || this.capabilities.includes(capability);
  }

  /** Tells the host the page is usable: it may hide its loading state. Sent after the first size report. */
  async ready() {
    if (!this.embedded) {
      return;
    }
    // Both at once: messages arrive in order, so the host applies the size before it hears "ready", and the page
    // saves a round trip.
    await Promise.all([
      this.reportSize(),
      this.channel.request('ready', { route: currentRoute(this.win, this.opts.basePath), title: this.win.document.title }),
    ]);
    mark('ready');
  }

  toast(message, kind) {
    if (!this.embedded) {
      this.win.console.info(`[${kind || 'info'}] ${message}`);
      return Promise.resolve();
    }
    return this.channel.request('toast', { message: String(message), kind: kind || 'info' });
  }

  /** Asks the host to draw a confirm dialog; resolves true or false. No timeout: people take their time. */
  confirm(message, options) {
    if (!this.embedded) {
      return Promise.resolve(this.win.confirm(String(message)));
    }
    return this.channel.request('confirm', Object.assign({ message: String(message) }, options), { timeoutMs: 0 });
  }

  setTitle(title) {
    this.win.document.title = title;
    return this.embedded ? this.channel.request('title', { title: String(title) }) : Promise.resolve();
  }

  /** Navigates the host: `{ app: '/keys' }` inside this sub-app, `{ host: '/account/orders' }` elsewhere in the shop. */
  navigate(to) {
    if (!this.embedded) {
      if (to && to.app) {
        this.win.location.assign((this.opts.basePath || '').replace(/\/$/, '') + to.app);
      }
      return Promise.resolve();
    }
    return this.channel.request('navigate', to);
  }

  reportRoute() {
    if (this.embedded) {
      this.channel.safePost('event', { type: 'route', payload: { route: currentRoute(this.win, this.opts.basePath), title: this.win.document.title } });
    }
  }

  /** The current token for the sub-app's own API; asks the host for a fresh one when it is about to expire. */
  async getToken(options) {
    if (!this.embedded) {
      return null;
    }
    const soon = this.token && Date.parse(this.token.expiresAt) - Date.now() < 5000;
    if (!this.token || soon || (options && options.forceRefresh)) {
      this.setToken(await this.channel.request('token', { forceRefresh: Boolean(options && options.forceRefresh) }));
    }
    return this.token;
  }

  onToken(listener) {
    this.tokenListeners.add(listener);
    return () => this.tokenListeners.delete(listener);
  }

  setToken(token) {
    this.token = token;
    for (const listener of this.tokenListeners) {
      listener(token);
    }
  }

  applyContext(context) {
    this.context = Object.assign({}, this.context, context);
    const root = this.win.document.documentElement;
    if (this.context.theme) {
      root.dataset.theme = this.context.theme;
    }
    if (this.context.locale) {
      root.lang = this.context.locale;
    }
  }

  focusFirst() {
    const first = this.win.document.querySelector('main a[href], main button, main input, main select, main textarea, a[href], button, input');
    if (first) {
      first.focus();
    }
  }

  /** Hands focus back to the host (e.g. Shift+Tab past the first element). */
  returnFocus(direction) {
    return this.embedded ? this.channel.request('focus', { direction: direction || 'forward' }) : Promise.resolve();
  }

  /** The height of the content itself (not of the viewport), so a taller frame never makes the content taller. */
  measure() {
    return Math.ceil(this.win.document.documentElement.getBoundingClientRect().height);
  }

  async reportSize() {
    const height = this.measure();
    if (Math.abs(height - this.lastHeight) < 1) {
      return;
    }
    this.lastHeight = height;
    try {
      const answer = await this.channel.request('resize', { height });
      // While the host shows all of us, our own scrollbar would only flicker and change the width.
      this.win.document.documentElement.style.overflowY = answer && answer.capped ? 'auto' : 'hidden';
    } catch (error) {
      if (!(error instanceof BridgeError)) {
        throw error;
      }
    }
  }

  startAutoResize() {
    let scheduled = false;
    const schedule = () => {
      if (scheduled) {
        return;
      }
      scheduled = true;
      this.win.requestAnimationFrame(() => {
        scheduled = false;
        this.reportSize();
      });
    };
    new this.win.ResizeObserver(schedule).observe(this.win.document.documentElement);
    this.win.addEventListener('load', schedule);
  }
}
