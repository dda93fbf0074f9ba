// Account tabs that frame a sub-app (links marked data-subapp-tab) open in place: the tab's page is fetched and its
// <main> swapped in, so the click does not tear down and rebuild the whole document before the sub-app's frame can
// even start loading. It is an enhancement only — the link's page is a full server-rendered page and anything out of
// the ordinary (another origin to frame, a redirect to sign-in, an error, no script) is a plain navigation to it.
// Back/forward to or from a swapped-in entry loads that entry afresh.
const tabs = document.querySelectorAll('a[data-subapp-tab]');
let swapped = false;

async function openInPlace(href) {
  const response = await fetch(href, { credentials: 'same-origin', headers: { Accept: 'text/html' } });
  const target = new URL(href, location.href);
  if (!response.ok || new URL(response.url).pathname !== target.pathname) {
    return false; // an error page or a redirect (signed out): let the browser show it
  }
  const page = new DOMParser().parseFromString(await response.text(), 'text/html');
  const main = page.getElementById('main');
  const frame = main && main.querySelector('[data-nexus-subapp] iframe');
  // Only a sub-app served from this origin: this page's own CSP lets it frame no other (the tab's page would).
  if (!frame || new URL(frame.getAttribute('src'), target).origin !== location.origin) {
    return false;
  }
  for (const link of page.head.querySelectorAll('link[rel="stylesheet"], link[rel="modulepreload"]')) {
    const href = link.getAttribute('href');
    if (![...document.head.querySelectorAll('link')].some((l) => l.rel === link.rel && l.getAttribute('href') === href)) {
      document.head.append(document.importNode(link, true));
    }
  }
  for (const script of main.querySelectorAll('script')) {
    script.remove(); // the sub-app wiring is imported below, not run from markup
  }
  const bridge = '/_nexus/bridge/subapp-host-page.js';
  const current = document.getElementById('main');
  if (current.querySelector('[data-nexus-subapp]')) {
    (await import(bridge)).unwireSubApps(current);
  }
  history.pushState({ nexusAccountTab: true }, '', target.pathname + target.search + target.hash);
  swapped = true;
  document.title = page.title;
  // In first, wired after: the frame starts loading at once, and says hello again until the host answers.
  current.replaceChildren(...[...main.childNodes].map((node) => document.importNode(node, true)));
  window.scrollTo(0, 0);
  // The clicked link went with the old content: keyboard and screen-reader users stay on the tab they chose.
  const chosen = current.querySelector('a[aria-current="page"][data-subapp-tab]');
  if (chosen) {
    chosen.focus({ preventScroll: true });
  }
  wireTabs(current);
  (await import(bridge)).wireSubApps(current);
  return true;
}

function wireTabs(root) {
  for (const link of root.querySelectorAll('a[data-subapp-tab]')) {
    link.addEventListener('click', async (event) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
        return;
      }
      event.preventDefault();
      let opened = false;
      try {
        opened = await openInPlace(link.href);
      } catch (error) {
        console.warn('account tabs: opening in place failed', error);
      }
      if (!opened) {
        location.assign(link.href);
      }
    });
  }
}

if (tabs.length > 0) {
  wireTabs(document);
}

// Back/forward between a swapped-in entry and the page it was swapped into is, for the browser, a move within one
// document (even after that document was reloaded): load the entry the history now points at.
window.addEventListener('popstate', (event) => {
  if (swapped || (event.state && event.state.nexusAccountTab)) {
    location.reload();
  }
});
