// The bridge's own tests, run in Chromium. Each test('name', ...) below becomes one NUnit test case
// (BridgeJavaScriptTests reads the names from this file); the page runs the one named in ?test=.
import { embed } from '/_nexus/bridge/bridge-host.js';
import { BridgeError, Channel, isEnvelope, normaliseOrigins, safeRootPath } from '/_nexus/bridge/bridge-core.js';

const query = new URLSearchParams(location.search);
const APP = query.get('app');
const FOREIGN = query.get('foreign');
const HOST = location.origin;
const tests = new Map();
const test = (name, body) => tests.set(name, body);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function until(what, predicate, timeoutMs = 4000) {
  const end = performance.now() + timeoutMs;
  while (performance.now() < end) {
    const value = predicate();
    if (value) {
      return value;
    }
    await sleep(10);
  }
  throw new Error(`timed out waiting for ${what}`);
}
function assert(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}
function appUrl(params) {
  return `${APP}/app.html?${new URLSearchParams(Object.assign({ host: HOST }, params))}`;
}
function frame(params, options) {
  const container = document.createElement('div');
  document.getElementById('stage').append(container);
  return embed(Object.assign({ container, src: appUrl(params), name: 'test', title: 'Test app' }, options));
}
async function ready(host) {
  await until('the sub-app to be ready', () => host.state === 'ready');
  return host;
}
const run = (host, step, timeoutMs) => host.channel.request('run', step, timeoutMs === undefined ? undefined : { timeoutMs });

// ---------------------------------------------------------------- core

test('envelope check ignores other namespaces, versions and shapes', async () => {
  assert(isEnvelope({ ns: 'nexus-bridge', v: 1, kind: 'event', session: 's' }), 'a v1 envelope is accepted');
  assert(!isEnvelope({ ns: 'other', v: 1, kind: 'event', session: 's' }), 'another namespace is ignored');
  assert(!isEnvelope({ ns: 'nexus-bridge', v: 99, kind: 'event', session: 's' }), 'an unknown version is ignored');
  assert(!isEnvelope('nexus-bridge'), 'a string is ignored');
  assert(!isEnvelope(null), 'null is ignored');
});

// Issue 13 item 6: the same table as SubAppPathsTests on the server.
const HOSTILE_PATHS = ['/\\evil.example', '/\\/evil.example', '/\t/evil.example', '/\n/evil.example', '/\r/evil.example',
  '///evil.example', '//evil.example', '/.//evil.example', '/..//evil.example', 'https://evil.example/', 'javascript:alert(1)',
  'evil.example', '', null, 42];

test('path check refuses every hostile path and normalises the rest', async () => {
  for (const bad of HOSTILE_PATHS) {
    assert(safeRootPath(bad) === null, `${JSON.stringify(bad)} must be refused`);
  }
  for (const [good, expected] of [['/', '/'], ['/keys/42?x=1#top', '/keys/42?x=1#top'], ['/keys/../admin', '/admin']]) {
    assert(safeRootPath(good) === expected, `${good} must pass as ${expected}, got ${safeRootPath(good)}`);
  }
});

test('navigate to a hostile path is refused and leaves the top window and the frame where they are', async () => {
  const host = await ready(frame({}));
  const top = location.href;
  const src = host.iframe.src;
  for (const bad of HOSTILE_PATHS.filter((p) => typeof p === 'string')) {
    for (const to of [{ host: bad }, { app: bad }]) {
      let refused = false;
      try {
        host.navigate(to);
      } catch (error) {
        refused = error instanceof BridgeError && error.code === 'bad_request';
      }
      assert(refused, `navigate ${JSON.stringify(to)} must be refused`);
    }
    host.updateRoute(bad);
    assert(host.route !== bad, `route ${JSON.stringify(bad)} must not be taken`);
  }
  let fromFrame = null;
  await run(host, { action: 'navigate-app', to: '///evil.example' }).catch((error) => { fromFrame = error; });
  assert(fromFrame !== null, 'the frame\'s own navigate request is answered with an error');
  await sleep(200);
  assert(location.href === top, 'the top window stayed');
  assert(host.iframe.src === src, 'the frame stayed');
});

test('allow-list refuses wildcard and non-origins', async () => {
  for (const bad of ['*', 'https://shop.example/path', 'javascript:alert(1)', '']) {
    let code = null;
    try {
      normaliseOrigins([bad]);
    } catch (error) {
      code = error.code;
    }
    assert(code === 'config', `'${bad}' must be refused`);
  }
  assert(normaliseOrigins(['https://shop.example/'])[0] === 'https://shop.example', 'a trailing slash is tolerated');
});

test('request without an answer times out with a structured error', async () => {
  const silent = { postMessage() {} };
  const channel = new Channel({ target: silent, targetOrigin: HOST, session: 's', requestTimeoutMs: 50 });
  const started = performance.now();
  try {
    await channel.request('anything', {});
    throw new Error('should have timed out');
  } catch (error) {
    assert(error instanceof BridgeError && error.code === 'timeout', `expected a timeout, got ${error.code || error}`);
  }
  assert(performance.now() - started < 1000, 'the timeout is honoured');
});

test('closing a channel fails pending requests as disconnected', async () => {
  const channel = new Channel({ target: { postMessage() {} }, targetOrigin: HOST, session: 's', requestTimeoutMs: 0 });
  const pending = channel.request('anything', {});
  channel.close('gone');
  try {
    await pending;
    throw new Error('should have failed');
  } catch (error) {
    assert(error.code === 'disconnected', `expected disconnected, got ${error.code}`);
  }
});

// ---------------------------------------------------------------- handshake

test('handshake connects across origins and the sub-app becomes ready', async () => {
  const host = await ready(frame({}));
  assert(host.channel.targetOrigin === APP, 'the host talks to the app origin only');
  assert(host.capabilities.includes('toast') && host.capabilities.includes('resize'), 'capabilities were negotiated');
});

test('handshake works when the host starts listening after the sub-app loaded', async () => {
  const container = document.createElement('div');
  document.getElementById('stage').append(container);
  const iframe = document.createElement('iframe');
  iframe.src = appUrl({});
  container.append(iframe);
  await sleep(600); // The sub-app has said hello into the void several times by now.
  const host = embed({ container, iframe, src: iframe.src, name: 'test', title: 'Test app' });
  await ready(host);
});

test('handshake reconnects after a navigation inside the frame', async () => {
  const host = await ready(frame({}));
  const first = host.channel.session;
  await run(host, { action: 'navigate-app', to: '/app.html?scenario=basic&host=' + encodeURIComponent(HOST) + '&page=2' }).catch(() => {});
  await until('a new session', () => host.channel.session !== first && host.state === 'ready');
  const answer = await run(host, { action: 'toast', message: 'after navigation' });
  assert(answer && answer.shown, 'the new document can use the bridge');
});

test('sub-app rejects a host whose origin is not allowed', async () => {
  const host = frame({ allowed: 'https://elsewhere.example', handshakeTimeout: 400 }, { readyTimeoutMs: 800 });
  await until('the fallback', () => host.state === 'failed', 3000);
  assert(host.channel === null, 'no conversation was started');
});

test('host rejects a hello for another sub-app name', async () => {
  const container = document.createElement('div');
  document.getElementById('stage').append(container);
  const host = embed({ container, src: appUrl({}), name: 'someone-else', readyTimeoutMs: 800 });
  await until('the fallback', () => host.state === 'failed', 3000);
  assert(host.channel === null, 'a hello from the wrong sub-app opens no channel');
});

// ---------------------------------------------------------------- origin rules

test('messages from a foreign origin are ignored', async () => {
  const host = await ready(frame({}));
  const session = host.channel.session;
  // A foreign frame in the same page that knows our session id and posts with '*'.
  const foreign = document.createElement('iframe');
  foreign.src = `${FOREIGN}/foreign.html?session=${encodeURIComponent(session)}`;
  document.getElementById('stage').append(foreign);
  await new Promise((r) => foreign.addEventListener('load', r));
  await sleep(300);
  assert(!document.querySelector('.nexus-toast'), 'no toast was drawn for the foreign page');
  assert(host.channel.session === session, 'the forged hello did not replace the session');
  assert(host.route !== '/forged', 'the forged route was ignored');
});

// ---------------------------------------------------------------- host services

test('toast request draws a host toast', async () => {
  const host = await ready(frame({}));
  await run(host, { action: 'toast', message: 'Key copied' });
  const toast = await until('the toast', () => document.querySelector('.nexus-toast'));
  assert(toast.textContent === 'Key copied', 'the toast shows the message');
  assert(toast.closest('[aria-live="polite"]'), 'toasts are announced');
});

test('confirm dialog drawn by the host returns the answer', async () => {
  const host = await ready(frame({}));
  const yes = run(host, { action: 'confirm', message: 'Deactivate this device?' }, 0);
  const ok = await until('the dialog', () => document.querySelector('dialog.nexus-confirm[open] .nexus-confirm-ok'));
  assert(document.querySelector('.nexus-confirm-text').textContent === 'Deactivate this device?', 'the question is shown');
  ok.click();
  assert((await yes) === true, 'OK answers true');
  const no = run(host, { action: 'confirm', message: 'Really?' }, 0);
  (await until('the dialog', () => document.querySelector('dialog.nexus-confirm[open] .nexus-confirm-cancel'))).click();
  assert((await no) === false, 'Cancel answers false');
  assert(document.activeElement === host.iframe, 'focus returns to the sub-app');
});

test('unknown request type answers a structured error', async () => {
  const host = await ready(frame({}));
  try {
    await run(host, { action: 'unknown' });
    throw new Error('should have failed');
  } catch (error) {
    assert(error.code === 'unknown_type', `expected unknown_type, got ${error.code}: ${error.message}`);
  }
});

test('title request sets the host title and the iframe title', async () => {
  const host = await ready(frame({}));
  await run(host, { action: 'title', title: 'Your keys' });
  assert(document.title.startsWith('Your keys · '), `host title is ${document.title}`);
  assert(host.iframe.title === 'Test app: Your keys', `iframe title is ${host.iframe.title}`);
});

test('theme and locale are pushed down to the sub-app', async () => {
  const host = await ready(frame({}, { context: { theme: 'dark', locale: 'de' } }));
  let seen = await run(host, { action: 'context' });
  assert(seen.theme === 'dark' && seen.lang === 'de', `the welcome carried the context: ${JSON.stringify(seen)}`);
  host.setContext({ theme: 'light' });
  await sleep(50);
  seen = await run(host, { action: 'context' });
  assert(seen.theme === 'light', 'a later change is pushed');
});

test('token is handed over and renewed before it expires', async () => {
  let minted = 0;
  const tokenProvider = async () => ({ token: `t${++minted}`, expiresAt: new Date(Date.now() + 1500).toISOString() });
  const host = await ready(frame({}, { tokenProvider }));
  await sleep(1300);
  const seen = await run(host, { action: 'token' });
  assert(seen.initial && seen.initial.token === 't1', 'the welcome carried the first token');
  assert(seen.renewed.length >= 1 && seen.renewed[0].token === 't2', `a renewed token arrived before expiry: ${JSON.stringify(seen)}`);
  host.destroy();
});

test('a token handed over with the page is welcomed without asking for one, then renewed', async () => {
  let minted = 0;
  const tokenProvider = async () => ({ token: `fetched${++minted}`, expiresAt: new Date(Date.now() + 1500).toISOString() });
  const initialToken = { token: 'from-page', expiresAt: new Date(Date.now() + 1500).toISOString() };
  const host = await ready(frame({}, { tokenProvider, initialToken }));
  const seen = await run(host, { action: 'token' });
  assert(seen.initial && seen.initial.token === 'from-page', `the welcome carried the page's token: ${JSON.stringify(seen)}`);
  assert(minted === 0, 'no token was fetched before the welcome');
  await sleep(1300);
  const later = await run(host, { action: 'token' });
  assert(later.renewed.length >= 1 && later.renewed[0].token === 'fetched1', `it is renewed from the provider: ${JSON.stringify(later)}`);
  host.destroy();
});

test('a stale token handed over with the page is replaced before the welcome', async () => {
  let minted = 0;
  const tokenProvider = async () => ({ token: `fetched${++minted}`, expiresAt: new Date(Date.now() + 60000).toISOString() });
  const initialToken = { token: 'expired', expiresAt: new Date(Date.now() - 1000).toISOString() };
  const host = await ready(frame({}, { tokenProvider, initialToken }));
  const seen = await run(host, { action: 'token' });
  assert(seen.initial && seen.initial.token.startsWith('fetched'), `the welcome carried a fresh token: ${JSON.stringify(seen)}`);
  host.destroy();
});

// ---------------------------------------------------------------- sizing, routes, fallback

test('frame sizes to its content within the guardrails', async () => {
  const host = await ready(frame({ scenario: 'tall' }, { maxHeight: 3000 }));
  await until('the frame to grow', () => parseFloat(host.iframe.style.height) >= 900);
  const size = await run(host, { action: 'size' });
  assert(size.scroll <= size.client, `no scrollbar inside: ${JSON.stringify(size)}`);
  const capped = await ready(frame({ scenario: 'tall' }, { maxHeight: 400 }));
  await sleep(200);
  assert(parseFloat(capped.iframe.style.height) === 400, 'the maximum height holds');
});

test('a growth loop is stopped', async () => {
  const host = await ready(frame({ scenario: 'grow-loop' }, { maxHeight: 100000 }));
  await sleep(1500);
  const first = parseFloat(host.iframe.style.height);
  await sleep(500);
  assert(host.frozenHeight !== null, 'the loop was detected');
  assert(parseFloat(host.iframe.style.height) === first && first < 5000, `height stays put at ${first}`);
});

test('route changes inside the sub-app reach the host', async () => {
  const routes = [];
  const host = await ready(frame({}, { onRoute: (r) => routes.push(r) }));
  await run(host, { action: 'hash', hash: '#keys' });
  await until('the route', () => routes.some((r) => r.endsWith('#keys')));
});

test('a sub-app that never answers gets the fallback panel and retry recovers', async () => {
  const key = Math.random().toString(36).slice(2);
  const host = frame({ scenario: 'silent-once', key }, { readyTimeoutMs: 700 });
  const panel = await until('the fallback panel', () => document.querySelector('.nexus-subapp-fallback:not([hidden])'), 3000);
  assert(host.iframe.hidden, 'the broken frame is hidden');
  const open = panel.querySelector('a.nexus-subapp-open');
  assert(open.target === '_blank' && open.href.startsWith(APP), 'the panel offers the sub-app in a new tab');
  panel.querySelector('button.nexus-subapp-retry').click();
  await ready(host);
  assert(panel.hidden && !host.iframe.hidden, 'retry brings the sub-app back');
});

// ---------------------------------------------------------------- runner

const name = query.get('test');
window.__testNames = [...tests.keys()];
if (name) {
  const body = tests.get(name);
  (body ? body() : Promise.reject(new Error(`no test named '${name}'`)))
    .then(() => { document.body.dataset.result = 'pass'; })
    .catch((error) => { document.body.dataset.result = 'fail'; document.body.dataset.error = String(error && error.stack || error); });
}
