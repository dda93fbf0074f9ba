// Cross-tab sign-out. Signing out in one tab reaches every other tab of this browser within 2 seconds:
// instantly through BroadcastChannel (and the storage event for browsers without it), and — should a
// message be missed (a tab asleep, a sign-out from another window or device, a lock-out) — through the live
// channel (live.js, decision 0026): the server tells the user's connections "session.ended" when they sign out,
// and a tab that reconnects re-checks. The session is checked then, and whenever a tab regains focus. Only when
// no live transport connects does the tab poll, backing off from 1 s to 30 s (live.js's fallback ticks; and
// here, should live.js itself never start). A tab that finds itself signed out reloads: protected pages then
// send it to /account/login, public pages show it signed out.
(() => {
  'use strict';
  const body = document.body;
  const channel = 'BroadcastChannel' in window ? new BroadcastChannel('nexus-session') : null;
  const storageKey = 'nexus-signed-out';

  if (body.dataset.signedOut === 'true') {
    channel?.postMessage({ type: 'signed-out' });
    try { localStorage.setItem(storageKey, String(Date.now())); } catch { /* storage disabled */ }
  }

  if (body.dataset.signedIn !== 'true') {
    return;
  }

  let leaving = false;
  const leave = () => {
    if (!leaving) {
      leaving = true;
      location.reload();
    }
  };

  channel?.addEventListener('message', (event) => {
    if (event.data?.type === 'signed-out') leave();
  });
  window.addEventListener('storage', (event) => {
    if (event.key === storageKey) leave();
  });

  // While this page submits a form (signing out, above all), its own request may end the session before the
  // browser has moved on: a check answered then would reload the old page over the navigation already under way
  // (and land on the sign-in page instead of "signed out"). A submission that goes nowhere (a download) lets the
  // checks resume after a few seconds.
  let submittedAt = 0;
  document.addEventListener('submit', (event) => {
    if (!event.defaultPrevented) submittedAt = Date.now();
  });

  let checking = false;
  // verify: staff revoked this account's sessions (live channel) — the server checks the security stamp now.
  const check = async (verify = false) => {
    if (checking || leaving || Date.now() - submittedAt < 5000) return;
    checking = true;
    try {
      const url = verify === true ? '/api/identity/session?verify=1' : '/api/identity/session';
      const response = await fetch(url, { credentials: 'same-origin', cache: 'no-store' });
      if (response.ok && (await response.json()).signedIn === false && Date.now() - submittedAt >= 5000) leave();
    } catch {
      // Offline or the server restarting: try again on the next tick.
    } finally {
      checking = false;
    }
  };

  document.addEventListener('nexus:live', (event) => { if (event.detail?.type === 'session.ended') check(event.detail.payload?.revoked === true); });
  // A reconnect (it may have missed a notice) or a fallback tick (no live transport): check.
  document.addEventListener('nexus:live-resync', () => check());
  document.addEventListener('visibilitychange', () => { if (!document.hidden) check(); });
  window.addEventListener('focus', () => check());

  // live.js did not start at all (blocked, failed to load): poll with back-off as before it existed, but slower.
  let attempt = 0;
  const safety = () => {
    if (document.documentElement.dataset.liveChannel) return;
    check();
    const ceiling = Math.min(30000, 1000 * 2 ** Math.min(attempt++, 5));
    setTimeout(safety, ceiling / 2 + Math.random() * (ceiling / 2));
  };
  setTimeout(safety, 3000);
})();
