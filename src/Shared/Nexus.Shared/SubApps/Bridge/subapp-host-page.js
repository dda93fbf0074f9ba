// Wires every <div data-nexus-subapp> of a host page (dashboard tab, back-office view) to the bridge:
// iframe, route ↔ host URL, token hand-off. Configuration comes from data attributes (no inline script).
// Wires on load; wireSubApps is exported for content swapped in later (account tabs opened in place, account-tabs.js).
import { embed } from './bridge-host.js';

export function wireSubApps(root) {
  for (const container of root.querySelectorAll('[data-nexus-subapp]')) {
    if (!container.nexusFrame) {
      wire(container);
    }
  }
}

/** Stops the sub-apps under root (timers, listeners) before their markup is taken out of the page. */
export function unwireSubApps(root) {
  for (const container of root.querySelectorAll('[data-nexus-subapp]')) {
    container.nexusFrame?.destroy();
    delete container.nexusFrame;
  }
}

function wire(container) {
  const d = container.dataset;
  const appBase = new URL(d.appBase, location.href).href.replace(/\/?$/, '/');
  const hostBase = d.hostBase.replace(/\/$/, '');
  const appUrl = (route) => new URL(route.replace(/^\//, ''), appBase).href;
  const tokenProvider = d.tokenUrl
    ? async () => {
      const response = await fetch(d.tokenUrl, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'X-Nexus-Bridge': '1' },
        body: JSON.stringify({ audience: d.tokenAudience || d.nexusSubapp, scope: d.tokenScope || 'app' }),
      });
      if (!response.ok) {
        throw new Error(`token endpoint answered ${response.status}`);
      }
      return response.json();
    }
    : null;
  const frame = embed({
    container,
    iframe: container.querySelector('iframe'),
    src: container.querySelector('iframe').src,
    name: d.nexusSubapp,
    title: d.title,
    readyTimeoutMs: Number(d.readyTimeoutMs || 5000),
    tokenProvider,
    // The page may carry the first token (data-token, data-token-expires): no request before the welcome.
    initialToken: d.token ? { token: d.token, expiresAt: d.tokenExpires } : null,
    appUrl,
    context: { theme: document.documentElement.dataset.theme || 'light', locale: document.documentElement.lang || 'en' },
    onRoute(route) {
      // The sub-app's route is part of the host URL: /account/licensing/keys/... survives reload and sharing.
      // replaceState, not pushState: the frame's own navigations already made the history entry.
      const wanted = hostBase + (route === '/' ? '' : route);
      if (location.pathname + location.search + location.hash !== wanted) {
        history.replaceState(history.state, '', wanted);
      }
    },
    onReady() {
      container.dispatchEvent(new CustomEvent('nexus-subapp-ready', { bubbles: true }));
    },
  });
  container.nexusFrame = frame;
}

wireSubApps(document);
