// The live channel of the shop's pages (decision 0026). One SignalR connection per page to /hubs/shop
// (WebSockets, then Server-Sent Events, then long polling — SignalR picks the first that works); the server pushes
// versioned messages { type, version, payload } from integration events, after they committed. What each page
// does with them:
//   cart.updated   the header's cart slot (badge and mini-cart) is re-read from /cart/mini;
//   order.status   the parts of an order page marked data-live-order="<number>" are re-read from the page itself;
//   stock.changed  the parts marked data-live-product="<id>" are re-read (anonymous pages stay cached: the page's
//                  markup never changes for the push, the script re-reads the same cached page and swaps parts);
//   notification.created, notifications.changed
//                  the header's notification bell (signed-in users) is re-read from /account/notifications/bell;
//   session.ended  session.js asks whether this browser is still signed in.
// Nothing here is needed: without JavaScript, or with the hub out of reach, every page is right on its next load.
// Robustness: automatic reconnect with exponential backoff and jitter, for ever; after every reconnect the page
// re-reads what it shows (a message sent while it was away is not replayed, so it re-reads instead: nothing is
// lost across a drop); when no transport connects at all, the page falls back to re-reading on a timer that backs
// off, and keeps trying to connect.
(() => {
  'use strict';
  const signalR = window.signalR;
  const root = document.documentElement;
  const emit = (name, detail) => document.dispatchEvent(new CustomEvent(name, { detail }));

  // <html data-live-channel>: "connecting" → "live" ⇄ "reconnecting"; "polling" when no transport connects.
  const setState = (state) => {
    root.dataset.liveChannel = state;
    emit('nexus:live-state', { state });
  };

  // 1 s, 2 s, 4 s, ... up to 30 s, each between half and all of it, so a restarted server is not hit by every
  // page at the same instant.
  const backoff = (attempt) => {
    const ceiling = Math.min(30000, 1000 * 2 ** Math.min(attempt, 5));
    return ceiling / 2 + Math.random() * (ceiling / 2);
  };

  const fetchHtml = async (url) => {
    const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'text/html' } });
    if (!response.ok) {
      throw new Error(`${url}: ${response.status}`);
    }
    return new DOMParser().parseFromString(await response.text(), 'text/html');
  };

  const refreshCartSlot = async () => {
    const slot = document.getElementById('cart-slot');
    if (!slot) return;
    const fresh = (await fetchHtml('/cart/mini')).getElementById('cart-slot');
    if (!fresh) return;
    const wasOpen = slot.querySelector('details')?.open;
    slot.replaceWith(fresh);
    if (wasOpen && fresh.querySelector('details')) fresh.querySelector('details').open = true;
  };

  const refreshBell = async () => {
    const bell = document.getElementById('notification-bell');
    if (!bell) return;
    const fresh = (await fetchHtml('/account/notifications/bell')).getElementById('notification-bell');
    const wasOpen = bell.querySelector('details')?.open;
    if (!fresh) {
      bell.remove(); // signed out meanwhile: session.js takes it from here
      return;
    }
    bell.replaceWith(fresh);
    if (wasOpen) fresh.querySelector('details').open = true;
  };

  // Re-reads this page and swaps the parts marked data-live-part (all of them, or those matching `selector`).
  // Parts are elements the server renders the same way whoever asks, so a cached anonymous page stays valid.
  let partsInFlight = null;
  const refreshParts = async (selector = '[data-live-part]') => {
    if (!document.querySelector(selector)) return;
    if (partsInFlight) {
      await partsInFlight;
    }
    partsInFlight = (async () => {
      const page = await fetchHtml(location.href);
      for (const part of document.querySelectorAll(selector)) {
        const fresh = page.querySelector(`[data-live-part="${CSS.escape(part.dataset.livePart)}"]`);
        if (fresh) part.replaceWith(document.importNode(fresh, true));
      }
    })();
    try {
      await partsInFlight;
    } finally {
      partsInFlight = null;
    }
  };

  const quietly = (work) => work().catch(() => { /* the next message or reconnect re-reads it */ });

  // A guest's first add creates their cart (and its cookie) after this page connected: the connection then knows no
  // cart. The cart slot, re-read with the new cookie, carries a signed ticket to the cart's group, which the page hands
  // to the hub; the other tabs of this browser hear of it here and do the same. (Reopening the connection instead
  // raced SignalR's close message against the end of a Server-Sent Events stream: a stray 404.)
  let connectedWithCart = false;
  const hasCart = () => document.getElementById('cart-slot')?.dataset.hasCart === 'true';
  let rejoinIfCartAppeared = () => {};
  const tabs = 'BroadcastChannel' in window ? new BroadcastChannel('nexus-live') : null;
  document.addEventListener('nexus:cart-changed', () => {
    rejoinIfCartAppeared();
    tabs?.postMessage({ type: 'cart-changed' });
  });
  tabs?.addEventListener('message', (event) => {
    if (event.data?.type === 'cart-changed') quietly(async () => { await refreshCartSlot(); rejoinIfCartAppeared(); });
  });

  const resync = () => {
    quietly(async () => { await refreshCartSlot(); rejoinIfCartAppeared(); });
    quietly(refreshBell);
    quietly(() => refreshParts());
    emit('nexus:live-resync', {});
  };

  const handle = (message) => {
    if (!message || message.version !== 1) return; // a version this page does not know: it re-reads on its next load
    const payload = message.payload || {};
    switch (message.type) {
      case 'cart.updated':
        quietly(async () => { await refreshCartSlot(); rejoinIfCartAppeared(); });
        break;
      case 'order.status':
        if (payload.number) quietly(() => refreshParts(`[data-live-order="${CSS.escape(String(payload.number))}"]`));
        break;
      case 'notification.created':
      case 'notifications.changed':
        quietly(refreshBell);
        break;
      case 'stock.changed':
        if (payload.productId) quietly(() => refreshParts(`[data-live-product="${CSS.escape(String(payload.productId))}"]`));
        break;
      default:
        break;
    }
    emit('nexus:live', message);
  };

  // The fallback when no transport connects: re-read on a timer that backs off (1 s, 2 s, ... 30 s), and tell
  // session.js to check the session the same way.
  let pollTimer = 0;
  let pollAttempt = 0;
  const startPolling = () => {
    if (pollTimer) return;
    setState('polling');
    const tick = () => {
      resync();
      pollTimer = setTimeout(tick, backoff(++pollAttempt));
    };
    pollTimer = setTimeout(tick, backoff(pollAttempt));
  };
  const stopPolling = () => {
    clearTimeout(pollTimer);
    pollTimer = 0;
    pollAttempt = 0;
  };

  if (!signalR) {
    startPolling();
    return;
  }

  const connection = new signalR.HubConnectionBuilder()
    .withUrl('/hubs/shop', {
      transport: signalR.HttpTransportType.WebSockets | signalR.HttpTransportType.ServerSentEvents | signalR.HttpTransportType.LongPolling,
    })
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (context) => backoff(context.previousRetryCount) })
    .configureLogging(signalR.LogLevel.None)
    .build();

  connection.on('live', handle);
  rejoinIfCartAppeared = () => {
    const ticket = document.getElementById('cart-slot')?.dataset.liveTicket;
    if (connectedWithCart || !ticket || connection.state !== signalR.HubConnectionState.Connected) return;
    connectedWithCart = true;
    connection.invoke('JoinWithTicket', ticket)
      .then((joined) => { if (!joined) connectedWithCart = false; })
      .catch(() => { connectedWithCart = false; }); // the reconnect's new connection opens with the cookie anyway
  };
  connection.onreconnecting(() => {
    setState('reconnecting');
    connectedWithCart = hasCart(); // the new connection opens with the cookies the browser holds now
  });
  connection.onreconnected(() => {
    setState('live');
    resync();
  });
  // Automatic reconnect gave up, or the server closed the connection (a sign-out): start again from scratch.
  connection.onclose(() => start(1));

  let starting = false;
  const start = async (attempt) => {
    if (starting || connection.state !== signalR.HubConnectionState.Disconnected) return;
    starting = true;
    try {
      connectedWithCart = hasCart();
      await connection.start();
      starting = false;
      const recovered = attempt > 0 || pollTimer !== 0;
      stopPolling();
      setState('live');
      // Anything that changed while this page had no connection (or before it had one) is re-read now.
      if (recovered) resync();
    } catch {
      starting = false;
      startPolling();
      setTimeout(() => start(attempt + 1), backoff(attempt));
    }
  };

  setState('connecting');
  start(0);
})();
