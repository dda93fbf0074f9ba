// The sub-app side of the bridge tests: what this page does is chosen by ?scenario=..., and it reports what it
// saw back to the host test through a 'report' event.
import { connect } from '/_nexus/bridge/bridge-app.js';

const query = new URLSearchParams(location.search);
const scenario = query.get('scenario') || 'basic';
const allowed = (query.get('allowed') || query.get('host') || '').split(' ').filter(Boolean);

async function main() {
  if (scenario === 'silent') {
    return; // Never says hello: the host must fall back.
  }
  if (scenario === 'silent-once' && !localStorage.getItem('silent-once-' + query.get('key'))) {
    localStorage.setItem('silent-once-' + query.get('key'), '1');
    return;
  }
  const started = performance.now();
  let bridge;
  try {
    bridge = await connect({ name: 'test', basePath: '/', allowedOrigins: allowed, handshakeTimeoutMs: Number(query.get('handshakeTimeout') || 10000) });
  } catch (error) {
    document.body.dataset.bridge = 'failed:' + error.code;
    window.__bridgeError = error.code;
    return;
  }
  window.__bridge = bridge;
  window.__connectMs = performance.now() - started;
  document.body.dataset.bridge = bridge.embedded ? 'embedded' : 'standalone';
  if (!bridge.embedded) {
    return;
  }
  const report = (payload) => bridge.channel.emit('report', payload);
  if (scenario === 'grow-loop') {
    // Content that is always taller than the frame: a naive resizer would grow forever.
    const box = document.createElement('div');
    const grow = () => { box.style.height = `${window.innerHeight + 40}px`; };
    window.addEventListener('resize', grow);
    grow();
    document.body.append(box);
  }
  if (scenario === 'tall') {
    const box = document.createElement('div');
    box.style.height = '900px';
    document.body.append(box);
  }
  await bridge.ready();
  const initialToken = bridge.token;
  const tokens = [];
  bridge.onToken((t) => tokens.push(t));
  bridge.channel.handle('run', async (step) => {
    switch (step.action) {
      case 'toast': return bridge.toast(step.message, 'success');
      case 'confirm': return bridge.confirm(step.message);
      case 'title': return bridge.setTitle(step.title);
      case 'unknown': return bridge.channel.request('no-such-thing', {});
      case 'token': return { initial: initialToken, renewed: tokens };
      case 'context': return { theme: document.documentElement.dataset.theme, lang: document.documentElement.lang };
      case 'navigate-app': return bridge.navigate({ app: step.to });
      case 'hash': location.hash = step.hash; return { ok: true };
      case 'size': return { height: bridge.measure(), scroll: document.documentElement.scrollHeight, client: document.documentElement.clientHeight };
      case 'focus-first': return { active: document.activeElement && document.activeElement.id };
      default: throw new Error('unknown step ' + step.action);
    }
  });
  report({ ready: true, scenario, path: location.pathname + location.search });
}

main();
