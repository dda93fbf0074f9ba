// A hostile page on another origin: it imitates the sub-app's messages with every trick it has.
const target = window.parent !== window ? window.parent : window.opener;
const session = new URLSearchParams(location.search).get('session') || 'forged';
const send = (message) => target.postMessage(Object.assign({ ns: 'nexus-bridge', v: 1, session }, message), '*');
send({ kind: 'hello', payload: { app: 'test', versions: [1], capabilities: ['toast'], route: '/forged' } });
send({ kind: 'request', id: 'x1', type: 'toast', payload: { message: 'forged toast' } });
send({ kind: 'event', type: 'route', payload: { route: '/forged' } });
send({ kind: 'request', id: 'x2', type: 'navigate', payload: { host: '/forged' } });
document.body.dataset.sent = 'yes';
