// Nexus bridge, host side: embeds a sub-app in an iframe, answers its handshake, owns loading → timeout →
// fallback, sizes the frame, mirrors its route, draws toasts and confirms, and hands over the token.
import { BridgeError, Channel, NAMESPACE, SUPPORTED_VERSIONS, VERSION, isEnvelope, originOf, safeRootPath } from './bridge-core.js';

// Performance marks (nexus-bridge:host-embed, :host-token, :host-hello, :host-welcome) for tools and benchmarks.
function mark(name) {
  if (typeof performance !== 'undefined' && performance.mark) {
    performance.mark(`nexus-bridge:${name}`);
  }
}

export const HOST_CAPABILITIES = ['toast', 'confirm', 'title', 'navigate', 'route', 'resize', 'token', 'theme', 'focus'];

const DEFAULTS = {
  readyTimeoutMs: 5000,
  requestTimeoutMs: 5000,
  minHeight: 120,
  maxHeight: 4000,
  // More consecutive growths than this within growthWindowMs is a loop (content sized by the viewport).
  maxConsecutiveGrowths: 12,
  growthWindowMs: 2000,
  renewBeforeMs: 30000,
  capabilities: HOST_CAPABILITIES,
};

/** Embeds a sub-app in `options.container`. Returns the HostFrame that controls it. */
export function embed(options) {
  return new HostFrame(Object.assign({}, DEFAULTS, { win: window }, options));
}

export class HostFrame {
  constructor(opts) {
    this.opts = opts;
    this.win = opts.win;
    this.doc = this.win.document;
    this.appOrigin = originOf(opts.src, this.win.location.href);
    if (!this.appOrigin) {
      throw new BridgeError('config', `'${opts.src}' is not an http(s) URL.`);
    }
    this.state = 'idle';
    this.channel = null;
    this.token = null;
    this.renewTimer = null;
    this.readyTimer = null;
    this.growths = [];
    this.frozenHeight = null;
    this.context = Object.assign({ theme: 'light', locale: this.doc.documentElement.lang || 'en' }, opts.context);
    this.baseTitle = opts.baseTitle || this.doc.title;
    this.lastSrc = opts.src;

    this.container = opts.container;
    this.iframe = opts.iframe || this.doc.createElement('iframe');
    this.iframe.title = opts.title || opts.name;
    this.iframe.className = 'nexus-subapp-frame';
    this.iframe.style.height = `${opts.minHeight}px`;
    this.iframe.setAttribute('data-subapp', opts.name || '');
    this.loading = this.el('div', 'nexus-subapp-loading', `Loading ${opts.title || opts.name}…`);
    this.loading.setAttribute('role', 'status');
    this.fallback = null;

    this.onMessage = (event) => this.receive(event);
    this.win.addEventListener('message', this.onMessage);
    if (!this.iframe.isConnected) {
      this.container.append(this.loading, this.iframe);
    } else {
      this.iframe.before(this.loading);
    }
    this.iframe.addEventListener('load', () => this.armReadyTimer());
    this.setState('loading');
    mark('host-embed');
    // The first token: handed over with the host page (opts.initialToken), else fetched while the frame loads —
    // either way the welcome does not wait for it. An initial token that is already stale (a page restored from
    // history) is replaced when the frame says hello.
    this.tokenRequest = null;
    if (opts.tokenProvider && opts.initialToken && opts.initialToken.token) {
      this.acceptToken(opts.initialToken);
    } else if (opts.tokenProvider) {
      this.tokenRequest = this.renewToken().catch((error) => {
        console.warn('nexus-bridge: no token for the sub-app', error);
      });
    }
    this.armReadyTimer();
    if (!this.iframe.getAttribute('src')) {
      this.iframe.src = opts.src;
    }
  }

  el(tag, className, text) {
    const node = this.doc.createElement(tag);
    node.className = className;
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  setState(state) {
    this.state = state;
    this.container.dataset.subappState = state;
    this.loading.hidden = state !== 'loading';
    if (this.opts.onState) {
      this.opts.onState(state);
    }
  }

  /** Each document in the frame must say hello within readyTimeoutMs, or the host shows the fallback. */
  armReadyTimer() {
    clearTimeout(this.readyTimer);
    this.readyTimer = setTimeout(() => {
      if (this.state !== 'ready') {
        this.showFallback();
      }
    }, this.opts.readyTimeoutMs);
  }

  receive(event) {
    // Only our own frame, from the origin we loaded, speaking our namespace: everything else is ignored.
    if (event.source !== this.iframe.contentWindow || event.origin !== this.appOrigin || !isEnvelope(event.data)) {
      return;
    }
    const message = event.data;
    if (message.kind === 'hello') {
      this.acceptHello(message);
    } else if (this.channel && message.session === this.channel.session) {
      this.channel.receive(message);
    }
  }

  async acceptHello(message) {
    mark('host-hello');
    const hello = message.payload || {};
    if (this.channel && this.channel.session === message.session) {
      this.sendWelcome(); // A repeated hello: our welcome crossed it in flight.
      return;
    }
    if (this.opts.name && hello.app !== this.opts.name) {
      this.reject(message.session, 'wrong_app', `Expected sub-app '${this.opts.name}', got '${hello.app}'.`);
      return;
    }
    const versions = Array.isArray(hello.versions) ? hello.versions : [];
    if (!versions.some((v) => SUPPORTED_VERSIONS.includes(v))) {
      this.reject(message.session, 'unsupported_version', `Host speaks versions ${SUPPORTED_VERSIONS.join(', ')}.`);
      return;
    }
    if (this.channel) {
      this.channel.close('The sub-app navigated to a new page.');
    }
    const channel = new Channel({ target: this.iframe.contentWindow, targetOrigin: this.appOrigin, session: message.session, requestTimeoutMs: this.opts.requestTimeoutMs });
    this.channel = channel;
    this.capabilities = this.opts.capabilities.filter((c) => (hello.capabilities || []).includes(c));
    this.registerHandlers(channel);
    this.setState('connected');
    this.updateRoute(hello.route, hello.title);
    if (this.capabilities.includes('token') && this.opts.tokenProvider) {
      if (this.tokenRequest) {
        await this.tokenRequest;
        this.tokenRequest = null;
      }
      if (!this.tokenIsFresh()) {
        try {
          await this.renewToken();
        } catch (error) {
          console.warn('nexus-bridge: no token for the sub-app', error);
        }
      }
    }
    if (this.channel === channel) {
      this.sendWelcome();
    }
  }

  reject(session, code, text) {
    this.iframe.contentWindow.postMessage({ ns: NAMESPACE, v: VERSION, kind: 'reject', session, error: { code, message: text } }, this.appOrigin);
  }

  sendWelcome() {
    mark('host-welcome');
    this.channel.safePost('welcome', {
      payload: { capabilities: this.capabilities, context: this.context, token: this.token, version: VERSION },
    });
  }

  registerHandlers(channel) {
    channel.handle('ready', (payload) => {
      mark('host-ready');
      clearTimeout(this.readyTimer);
      this.hideFallback();
      this.setState('ready');
      this.updateRoute(payload && payload.route, payload && payload.title);
      if (this.opts.onReady) {
        this.opts.onReady();
      }
      return { ok: true };
    });
    channel.handle('resize', (payload) => this.resize(Number(payload && payload.height)));
    channel.handle('toast', (payload) => {
      this.showToast(String(payload && payload.message || ''), payload && payload.kind);
      return { shown: true };
    });
    channel.handle('confirm', (payload) => this.showConfirm(payload || {}));
    channel.handle('title', (payload) => {
      this.setTitle(String(payload && payload.title || ''));
      return { ok: true };
    });
    channel.handle('navigate', (payload) => this.navigate(payload || {}));
    channel.handle('token', async (payload) => {
      if (!this.opts.tokenProvider) {
        throw new BridgeError('no_token', 'This host hands out no tokens.');
      }
      if ((payload && payload.forceRefresh) || !this.tokenIsFresh()) {
        await this.renewToken();
      }
      return this.token;
    });
    channel.handle('focus', () => {
      (this.opts.focusTarget || this.iframe).focus();
      return { ok: true };
    });
    channel.on('route', (payload) => this.updateRoute(payload && payload.route, payload && payload.title));
    channel.on('bye', () => {
      // The frame is unloading (in-frame navigation or reload): the next document must say hello in time.
      this.setState('loading');
      this.armReadyTimer();
    });
  }

  /** Applies a height within the guardrails; answers whether it was capped so the sub-app can scroll itself. */
  resize(height) {
    if (!Number.isFinite(height) || height < 0) {
      throw new BridgeError('bad_request', 'height must be a number of pixels.');
    }
    const now = Date.now();
    const current = parseFloat(this.iframe.style.height) || 0;
    if (height > current) {
      this.growths = this.growths.filter((t) => now - t < this.opts.growthWindowMs);
      this.growths.push(now);
      if (this.growths.length > this.opts.maxConsecutiveGrowths && this.frozenHeight === null) {
        this.frozenHeight = current;
        console.warn(`nexus-bridge: '${this.opts.name}' keeps growing; its height is frozen at ${current}px.`);
      }
    } else {
      this.growths = [];
    }
    const wanted = this.frozenHeight !== null ? Math.min(height, this.frozenHeight) : height;
    const applied = Math.max(this.opts.minHeight, Math.min(this.opts.maxHeight, wanted));
    this.iframe.style.height = `${applied}px`;
    return { applied, capped: applied < height };
  }

  updateRoute(route, title) {
    // The route becomes part of the host's URL and the frame's next src: only a safe root-relative path counts.
    const safe = safeRootPath(route);
    if (safe !== null) {
      this.route = safe;
      if (this.opts.onRoute) {
        this.opts.onRoute(safe);
      }
    }
    if (title) {
      this.setTitle(title);
    }
  }

  setTitle(title) {
    this.iframe.title = title ? `${this.opts.title || this.opts.name}: ${title}` : (this.opts.title || this.opts.name);
    this.doc.title = title ? `${title} · ${this.baseTitle}` : this.baseTitle;
  }

  navigate(to) {
    // A framed page must never take the top window (or the frame) off its origin: same-origin root paths only.
    const app = safeRootPath(to.app);
    if (app !== null) {
      this.iframe.src = this.opts.appUrl ? this.opts.appUrl(app) : new URL(app.slice(1), this.opts.src).href;
      return { ok: true };
    }
    const host = to.app === undefined ? safeRootPath(to.host) : null;
    if (host !== null) {
      this.win.location.assign(host);
      return { ok: true };
    }
    throw new BridgeError('bad_request', "navigate needs { app: '/path' } or { host: '/path' }: a root-relative path on this site.");
  }

  tokenIsFresh() {
    return this.token !== null && Date.parse(this.token.expiresAt) - Date.now() > this.renewLeadMs(this.token);
  }

  renewLeadMs(token) {
    // Renew at 80% of the lifetime, but never later than renewBeforeMs before expiry.
    const lifetime = Date.parse(token.expiresAt) - (token.issuedAt || Date.now());
    return Math.min(this.opts.renewBeforeMs, Math.max(1000, lifetime * 0.2));
  }

  async renewToken() {
    return this.acceptToken(await this.opts.tokenProvider());
  }

  /** Keeps a fresh token, hands it to a connected frame, and schedules its renewal. */
  acceptToken(fresh) {
    mark('host-token');
    this.token = { token: fresh.token, expiresAt: fresh.expiresAt, issuedAt: Date.now() };
    if (this.channel && this.state !== 'idle') {
      this.channel.safePost('event', { type: 'token', payload: this.token });
    }
    clearTimeout(this.renewTimer);
    const due = Date.parse(this.token.expiresAt) - Date.now() - this.renewLeadMs(this.token);
    this.renewTimer = setTimeout(() => this.renewToken().catch((e) => console.warn('nexus-bridge: token renewal failed', e)), Math.max(500, due));
    return this.token;
  }

  /** Pushes theme or locale changes down to the sub-app. */
  setContext(context) {
    Object.assign(this.context, context);
    if (this.channel) {
      this.channel.safePost('event', { type: 'context', payload: this.context });
    }
  }

  /** Moves keyboard focus into the sub-app (its first focusable element). */
  focusApp() {
    this.iframe.focus();
    if (this.channel) {
      this.channel.safePost('event', { type: 'focus', payload: { edge: 'first' } });
    }
  }

  showFallback() {
    this.setState('failed');
    this.iframe.hidden = true;
    if (this.fallback) {
      this.fallback.hidden = false;
      return;
    }
    const panel = this.el('div', 'nexus-subapp-fallback');
    panel.setAttribute('role', 'alert');
    panel.append(this.el('p', 'nexus-subapp-fallback-text', `${this.opts.title || this.opts.name} is not responding right now.`));
    const retry = this.el('button', 'nexus-subapp-retry', 'Try again');
    retry.type = 'button';
    retry.addEventListener('click', () => this.retry());
    const open = this.el('a', 'nexus-subapp-open', 'Open in a new tab');
    // Built the same way as the frame's next src (retry): from the checked route and the configured app base.
    open.href = this.opts.directUrl ? this.opts.directUrl() : this.nextUrl();
    open.target = '_blank';
    open.rel = 'noopener';
    panel.append(retry, open);
    this.fallback = panel;
    this.iframe.after(panel);
  }

  hideFallback() {
    this.iframe.hidden = false;
    if (this.fallback) {
      this.fallback.hidden = true;
    }
  }

  nextUrl() {
    return this.opts.appUrl && this.route ? this.opts.appUrl(this.route) : this.lastUrl();
  }

  lastUrl() {
    return this.route ? new URL(this.route.slice(1), this.opts.src).href : this.opts.src;
  }

  retry() {
    this.hideFallback();
    this.setState('loading');
    this.armReadyTimer();
    this.iframe.src = this.nextUrl();
  }

  showToast(message, kind) {
    let region = this.doc.querySelector('.nexus-toasts');
    if (!region) {
      region = this.el('div', 'nexus-toasts');
      region.setAttribute('role', 'status');
      region.setAttribute('aria-live', 'polite');
      this.doc.body.append(region);
    }
    const toast = this.el('div', `nexus-toast nexus-toast-${kind === 'error' || kind === 'success' ? kind : 'info'}`, message);
    region.append(toast);
    setTimeout(() => toast.remove(), this.opts.toastMs || 5000);
  }

  showConfirm(payload) {
    return new Promise((resolve) => {
      const dialog = this.el('dialog', 'nexus-confirm');
      dialog.setAttribute('aria-label', payload.title || 'Please confirm');
      dialog.append(this.el('p', 'nexus-confirm-text', String(payload.message || '')));
      const ok = this.el('button', 'nexus-confirm-ok', payload.confirmLabel || 'OK');
      const cancel = this.el('button', 'nexus-confirm-cancel', payload.cancelLabel || 'Cancel');
      ok.type = 'button';
      cancel.type = 'button';
      const actions = this.el('div', 'nexus-confirm-actions');
      actions.append(cancel, ok);
      dialog.append(actions);
      let answer = false;
      ok.addEventListener('click', () => {
        answer = true;
        dialog.close();
      });
      cancel.addEventListener('click', () => dialog.close());
      dialog.addEventListener('close', () => {
        dialog.remove();
        // Focus goes back to the sub-app that asked.
        this.iframe.focus();
        resolve(answer);
      });
      this.doc.body.append(dialog);
      dialog.showModal();
      cancel.focus();
    });
  }

  destroy() {
    this.win.removeEventListener('message', this.onMessage);
    clearTimeout(this.readyTimer);
    clearTimeout(this.renewTimer);
    if (this.channel) {
      this.channel.close('The host removed the sub-app.');
    }
  }
}
