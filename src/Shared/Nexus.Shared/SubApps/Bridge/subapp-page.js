// Runs in every page of a sub-app. Reads <meta name="nexus-subapp">, connects the bridge and, for signed-in
// pages (the shell: <main data-subapp-shell>), fetches each view with the bridge token — never with cookies.
// Links and forms inside the view are followed the same way, so navigating needs no new handshake.
// Declarative helpers in views:
//   <form data-bridge-confirm="Deactivate this device?">   host-drawn confirm before submitting
//   <div data-bridge-toast="Device activated" data-kind="success">   host toast when the view shows
//   <button type="button" data-bridge-copy="KEY">   copies text, confirms with a host toast
//   <div data-live="keys">   re-read in place when the sub-app's live stream says "keys" changed (subapp-live.js)
import { connect } from './bridge-app.js';

const meta = document.querySelector('meta[name="nexus-subapp"]');
const config = {
  name: meta.dataset.name,
  basePath: meta.dataset.basePath,
  allowedOrigins: meta.dataset.allowedOrigins.split(' ').filter(Boolean),
};
const main = document.getElementById('subapp-main');
const isShell = main && main.hasAttribute('data-subapp-shell');

export const bridge = connect(config);
window.nexusBridge = bridge;

// Opened directly (no host frame) on the shop's own origin: the shop's token endpoint is same-origin, so the
// signed-in customer gets the same view as in the tab. Elsewhere there is no such endpoint (data-token-url absent).
let directToken = null;
async function standaloneToken(forceRefresh) {
  if (!meta.dataset.tokenUrl) {
    return null;
  }
  if (!directToken || forceRefresh || Date.parse(directToken.expiresAt) - Date.now() < 5000) {
    const response = await fetch(meta.dataset.tokenUrl, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-Nexus-Bridge': '1' },
      body: JSON.stringify({ audience: config.name }),
    });
    directToken = response.ok ? await response.json() : null;
  }
  return directToken;
}

function viewToken(b, forceRefresh) {
  return b.embedded ? b.getToken({ forceRefresh }) : standaloneToken(forceRefresh);
}

async function fetchView(b, url, init) {
  const send = async (forceRefresh) => {
    const token = await viewToken(b, forceRefresh);
    if (!token) {
      throw new Error('no token');
    }
    const headers = Object.assign({}, init && init.headers, { Authorization: `Bearer ${token.token}`, 'X-Nexus-Fragment': '1' });
    return fetch(url, Object.assign({}, init, { headers, credentials: 'omit' }));
  };
  let response = await send(false);
  if (response.status === 401) {
    response = await send(true); // The token may have just expired: one fresh try.
  }
  return response;
}

async function show(b, response, { push }) {
  performance.mark('nexus-subapp:view-fetched');
  if (response.status === 401 || response.status === 403) {
    main.innerHTML = '<p class="subapp-muted">Your session has ended. Reload the page to sign in again.</p>';
    return;
  }
  main.innerHTML = await response.text();
  main.removeAttribute('aria-busy');
  document.documentElement.dataset.view = 'shown';
  performance.mark('nexus-subapp:view-shown');
  const finalUrl = new URL(response.url);
  if (finalUrl.href !== location.href) {
    if (push) {
      history.pushState(null, '', finalUrl.href);
    } else {
      history.replaceState(null, '', finalUrl.href);
    }
  }
  const titled = main.querySelector('[data-subapp-title]');
  if (titled && titled.dataset.subappTitle) {
    b.setTitle(titled.dataset.subappTitle);
  }
  b.reportRoute();
  for (const node of main.querySelectorAll('[data-bridge-toast]')) {
    b.toast(node.dataset.bridgeToast, node.dataset.kind);
  }
}

// Re-reads the current view and swaps in its fresh data-live regions (of one topic, or all); the rest of the
// page — focus, scroll, a half-filled form — stays as it is. Auto-resize follows through the ResizeObserver.
let liveRefresh = Promise.resolve();
function refreshLive(b, topic) {
  liveRefresh = liveRefresh.then(async () => {
    const selector = topic ? `[data-live="${CSS.escape(topic)}"]` : '[data-live]';
    if (!main.querySelector(selector)) {
      return;
    }
    const shownAt = location.href;
    const response = await fetchView(b, shownAt);
    if (!response.ok || location.href !== shownAt) {
      return; // navigated meanwhile: the new view is fresh anyway
    }
    const fresh = document.createElement('template');
    fresh.innerHTML = await response.text();
    for (const region of main.querySelectorAll(selector)) {
      const next = fresh.content.querySelector(`[data-live="${CSS.escape(region.dataset.live)}"]`);
      if (next && next.innerHTML !== region.innerHTML) {
        region.replaceWith(next);
      }
    }
    document.documentElement.dataset.liveRefreshed = String(Number(document.documentElement.dataset.liveRefreshed || 0) + 1);
  }).catch((error) => console.warn('nexus-live: refresh failed', error.message));
  return liveRefresh;
}

function inApp(url) {
  return url.origin === location.origin && url.pathname.toLowerCase().startsWith(config.basePath.toLowerCase());
}

function wireHelpers(b) {
  document.addEventListener('click', async (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const copy = target && target.closest('[data-bridge-copy]');
    if (copy) {
      try {
        await navigator.clipboard.writeText(copy.dataset.bridgeCopy);
        await b.toast('Copied to the clipboard', 'success');
      } catch {
        await b.toast('Copy failed: select the key and copy it by hand', 'error');
      }
      return;
    }
    const link = target && target.closest('a[href]');
    if (!isShell || !link || link.target || link.hasAttribute('download') || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) {
      return;
    }
    const url = new URL(link.href, location.href);
    if (inApp(url) && !link.hasAttribute('data-subapp-public')) {
      event.preventDefault();
      await show(b, await fetchView(b, url.href), { push: true });
    }
  });
  document.addEventListener('submit', async (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement)) {
      return;
    }
    const submitter = event.submitter || null;
    if (form.dataset.bridgeConfirm && form.dataset.confirmed !== 'yes') {
      event.preventDefault();
      if (await b.confirm(form.dataset.bridgeConfirm)) {
        form.dataset.confirmed = 'yes';
        form.requestSubmit(submitter || undefined);
      }
      return;
    }
    delete form.dataset.confirmed;
    if (!isShell) {
      return;
    }
    event.preventDefault();
    const data = new URLSearchParams(new FormData(form, submitter));
    const method = (form.getAttribute('method') || 'get').toUpperCase();
    const action = new URL(form.getAttribute('action') || location.href, location.href);
    if (method === 'GET') {
      action.search = data.toString();
      await show(b, await fetchView(b, action.href), { push: true });
    } else {
      const response = await fetchView(b, action.href, { method: 'POST', body: data });
      await show(b, response, { push: response.redirected });
    }
  });
  window.addEventListener('popstate', async () => {
    if (isShell) {
      await show(b, await fetchView(b, location.href), { push: false });
    }
  });
}

// The page's script runs before its stylesheets may have loaded (async): sizes are measured only once they have.
function stylesheetsLoaded() {
  const pending = [...document.querySelectorAll('link[rel="stylesheet"]')].filter((link) => !link.sheet);
  return Promise.all(pending.map((link) => new Promise((resolve) => {
    link.addEventListener('load', resolve, { once: true });
    link.addEventListener('error', resolve, { once: true });
  })));
}

bridge.then(async (b) => {
  document.documentElement.dataset.bridge = b.embedded ? 'embedded' : 'standalone';
  wireHelpers(b);
  if (isShell) {
    if (!b.embedded && !(await standaloneToken(false).catch(() => null))) {
      // Opened directly where no host can vouch for the user: send them to the same view inside their account.
      const route = location.pathname.slice(config.basePath.length) + location.search;
      const link = document.createElement('a');
      link.href = meta.dataset.hostUrl + (route === '/' ? '' : route);
      link.textContent = 'Open it in your account';
      main.replaceChildren(Object.assign(document.createElement('p'), { textContent: 'This page shows your own data, so it opens inside your account. ' }), link);
      main.removeAttribute('aria-busy');
      return;
    }
    await show(b, await fetchView(b, location.href), { push: false });
  } else {
    for (const node of document.querySelectorAll('[data-bridge-toast]')) {
      b.toast(node.dataset.bridgeToast, node.dataset.kind);
    }
  }
  await stylesheetsLoaded();
  await b.ready();
  if (isShell && meta.dataset.liveUrl) {
    // Off the critical path: the page is shown and sized first, the live connection follows.
    const { startLive } = await import('./subapp-live.js');
    startLive({
      url: meta.dataset.liveUrl,
      token: (forceRefresh) => viewToken(b, forceRefresh),
      // Subscribed only now: whatever changed since the view was read is read again.
      onOpen: () => refreshLive(b, null),
      onChanged: (topic) => refreshLive(b, topic),
    });
  }
}).catch((error) => {
  document.documentElement.dataset.bridge = 'failed';
  console.warn('nexus-bridge:', error.message);
});
