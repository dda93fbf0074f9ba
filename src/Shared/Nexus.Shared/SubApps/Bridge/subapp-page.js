// Runs in every page of a sub-app (its layout includes it). Reads <meta name="nexus-subapp">, connects the
// bridge, signs API calls in with the bridge token, and wires declarative helpers:
//   <form data-bridge-confirm="Deactivate this device?">   host-drawn confirm before submitting
//   <div data-bridge-toast="Key activated" data-kind="success">   host toast when the page loads
//   <button data-bridge-copy="KEY-...">   copies text and confirms with a toast
import { connect } from './bridge-app.js';

const meta = document.querySelector('meta[name="nexus-subapp"]');
const config = {
  name: meta.dataset.name,
  basePath: meta.dataset.basePath,
  allowedOrigins: meta.dataset.allowedOrigins.split(' ').filter(Boolean),
};

export const bridge = connect(config);
window.nexusBridge = bridge;

bridge.then(async (b) => {
  document.documentElement.dataset.bridge = b.embedded ? 'embedded' : 'standalone';
  for (const node of document.querySelectorAll('[data-bridge-toast]')) {
    b.toast(node.dataset.bridgeToast, node.dataset.kind);
  }
  document.addEventListener('submit', async (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.dataset.bridgeConfirm || form.dataset.confirmed === 'yes') {
      return;
    }
    event.preventDefault();
    if (await b.confirm(form.dataset.bridgeConfirm)) {
      form.dataset.confirmed = 'yes';
      form.requestSubmit(event.submitter || undefined);
    }
  });
  document.addEventListener('click', async (event) => {
    const button = event.target instanceof Element ? event.target.closest('[data-bridge-copy]') : null;
    if (!button) {
      return;
    }
    try {
      await navigator.clipboard.writeText(button.dataset.bridgeCopy);
      await b.toast('Copied to the clipboard', 'success');
    } catch {
      await b.toast('Copy failed: select the key and copy it by hand', 'error');
    }
  });
  await b.ready();
}).catch((error) => {
  document.documentElement.dataset.bridge = 'failed';
  console.warn('nexus-bridge:', error.message);
});
