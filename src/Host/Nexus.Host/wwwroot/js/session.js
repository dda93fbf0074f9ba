// Cross-tab sign-out. Signing out in one tab reaches every other tab of this browser within 2 seconds:
// instantly through BroadcastChannel (and the storage event for browsers without it), and — should a
// message be missed (a tab asleep, a sign-out from another window or an expired session) — through a
// session check every second and whenever a tab regains focus. A tab that finds itself signed out reloads:
// protected pages then send it to /account/login, public pages show it signed out.
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
  const check = async () => {
    if (checking || leaving || Date.now() - submittedAt < 5000) return;
    checking = true;
    try {
      const response = await fetch('/api/identity/session', { credentials: 'same-origin', cache: 'no-store' });
      if (response.ok && (await response.json()).signedIn === false && Date.now() - submittedAt >= 5000) leave();
    } catch {
      // Offline or the server restarting: try again on the next tick.
    } finally {
      checking = false;
    }
  };

  setInterval(check, 1000);
  document.addEventListener('visibilitychange', () => { if (!document.hidden) check(); });
  window.addEventListener('focus', check);
})();
