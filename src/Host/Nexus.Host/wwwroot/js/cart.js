// The cart without full reloads (the Cart module, decision 0020). Everything here is an enhancement: each form is a
// plain server form that works without JavaScript; the script sends the same form with fetch and updates the header's
// badge and mini-cart (and, on /cart, the cart itself) in place. Anything unexpected falls back to the plain post.

async function refreshSlot(html) {
  const slot = document.getElementById('cart-slot');
  if (!slot) {
    return;
  }
  const source = html ?? await (await fetch('/cart/mini', { credentials: 'same-origin', headers: { Accept: 'text/html' } })).text();
  const fresh = new DOMParser().parseFromString(source, 'text/html').getElementById('cart-slot');
  if (fresh) {
    const wasOpen = slot.querySelector('details')?.open;
    slot.replaceWith(fresh);
    if (wasOpen && fresh.querySelector('details')) {
      fresh.querySelector('details').open = true;
    }
  }
  // live.js tells this browser's other tabs, and joins a guest cart that this change may just have created.
  document.dispatchEvent(new CustomEvent('nexus:cart-changed'));
}

// Product pages: "Add to cart" asks for JSON, shows the message next to the button and refreshes the badge.
for (const form of document.querySelectorAll('form[data-cart-add]')) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const status = form.querySelector('[data-cart-status]');
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      const response = await fetch(form.action, {
        method: 'POST',
        body: new FormData(form),
        credentials: 'same-origin',
        headers: { Accept: 'application/json' },
      });
      const type = response.headers.get('Content-Type') || '';
      if (!type.includes('json')) {
        form.submit();
        return;
      }
      const answer = await response.json();
      if (status) {
        status.textContent = answer.message || answer.detail || '';
      }
      await refreshSlot();
    } catch {
      form.submit();
    } finally {
      button.disabled = false;
    }
  });
}

// The cart page: each form posts with fetch, follows the redirect back to /cart, and swaps the cart and the badge.
function enhanceCartPage(root) {
  for (const form of root.querySelectorAll('form[data-cart-form]')) {
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        const response = await fetch(form.action, {
          method: 'POST',
          body: new FormData(form),
          credentials: 'same-origin',
          headers: { Accept: 'text/html' },
        });
        if (!response.ok || new URL(response.url).pathname !== '/cart') {
          form.submit();
          return;
        }
        const html = await response.text();
        const page = new DOMParser().parseFromString(html, 'text/html');
        const fresh = page.getElementById('cart-page');
        const current = document.getElementById('cart-page');
        if (!fresh || !current) {
          form.submit();
          return;
        }
        current.replaceWith(fresh);
        enhanceCartPage(fresh);
        await refreshSlot(html);
        const message = fresh.querySelector('[data-testid=cart-message]') || fresh.querySelector('h1');
        if (message) {
          message.setAttribute('tabindex', '-1');
          message.focus();
        }
      } catch {
        form.submit();
      }
    });
  }
}

const cartPage = document.getElementById('cart-page');
if (cartPage) {
  enhanceCartPage(cartPage);
}
