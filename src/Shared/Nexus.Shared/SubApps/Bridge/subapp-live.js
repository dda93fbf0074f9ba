// The live connection of a signed-in sub-app page: Server-Sent Events from the sub-app's own origin, read with
// fetch() because EventSource cannot send the bridge token (Authorization: Bearer) and the sub-app never uses
// cookies. The server sends `event: open` when subscribed and `event: changed` / `data: <topic>` when something the
// user sees has changed; the page then re-reads the parts of its view marked data-live="<topic>".
// It reconnects after drops (at once when a long-lived stream ended — the server ends it when its token expires —,
// with jittered backoff after failures) and stops for good when the page goes away or no token can be had (signed out).
// `event: signed-out` (the user signed out, here or on another device) ends the stream: the page goes on only if its
// host still hands out a fresh token — another device, still signed in, does; the browser that signed out does not.

const MAX_BACKOFF_MS = 30000;
const MAX_TOKEN_FAILURES = 3;

function sleep(ms, signal) {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
  });
}

// Calls onEvent(name, data) for each event of a text/event-stream body; comments (heartbeats) are skipped.
async function readEvents(body, onEvent) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let name = 'message';
  let data = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      return;
    }
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, end).replace(/\r$/, '');
      buffer = buffer.slice(end + 1);
      if (line === '') {
        if (data.length > 0) {
          onEvent(name, data.join('\n'));
        }
        name = 'message';
        data = [];
      } else if (!line.startsWith(':')) {
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') {
          name = text;
        } else if (field === 'data') {
          data.push(text);
        }
      }
    }
  }
}

/**
 * options: { url, token(forceRefresh) → {token} | null (throws when none can be had), onOpen(), onChanged(topic) }.
 * Returns { stop() }.
 */
export function startLive(options) {
  const controller = new AbortController();
  const stop = () => controller.abort();
  window.addEventListener('pagehide', stop, { once: true });

  const token = async (forceRefresh) => {
    try {
      return await options.token(forceRefresh);
    } catch {
      return null;
    }
  };
  const connect = (token) => fetch(options.url, {
    headers: { Authorization: `Bearer ${token.token}`, Accept: 'text/event-stream', 'X-Nexus-Fragment': '1' },
    credentials: 'omit',
    cache: 'no-store',
    signal: controller.signal,
  });
  const mark = (state) => { document.documentElement.dataset.live = state; };

  (async () => {
    let failures = 0;
    let tokenFailures = 0;
    while (!controller.signal.aborted) {
      let openedAt = 0;
      try {
        let current = await token(false);
        let response = current && await connect(current);
        if (response && response.status === 401) {
          current = await token(true); // the token may have expired in between: one fresh try
          response = current && await connect(current);
        }
        if (!current) {
          if (++tokenFailures >= MAX_TOKEN_FAILURES) {
            mark('stopped');
            return; // the host no longer vouches for the user (signed out): stop
          }
        } else if (response.status === 401 || response.status === 403) {
          mark('stopped');
          return; // signed out, or no longer allowed: nothing to listen to
        } else if (response.ok && response.body) {
          tokenFailures = 0;
          openedAt = Date.now();
          mark('open');
          let signedOut = false;
          await readEvents(response.body, (name, data) => {
            if (name === 'open') {
              options.onOpen();
            } else if (name === 'changed') {
              options.onChanged(data);
            } else if (name === 'signed-out') {
              signedOut = true;
              mark('signed-out'); // until the host answers: still signed in here (reconnect) or not (stop)
            }
          });
          if (signedOut && !(await token(true))) {
            mark('stopped');
            return; // this browser signed out: its host vouches for no one now
          }
        }
      } catch {
        // A dropped connection or a server that is down: try again below.
      }
      if (controller.signal.aborted) {
        return;
      }
      mark('reconnecting');
      // A stream that lived a while ended on purpose (token expiry, a server restart): reconnect at once.
      failures = openedAt && Date.now() - openedAt > 5000 ? 0 : failures + 1;
      const delay = failures === 0 ? 100 : Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (failures - 1)) * (0.5 + Math.random() / 2);
      await sleep(delay, controller.signal);
    }
  })();
  return { stop };
}
