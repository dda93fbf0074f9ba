// The back office's live feed (issue 17): live.js re-emits every message of the live channel as a 'nexus:live'
// event; this page lists the staff ones — an order placed, a product at its low-stock level — newest first, at most
// 50. Text only (textContent), never markup from a message: product names are typed by people.
(() => {
  'use strict';
  const list = document.getElementById('live-feed');
  if (!list) return;
  const empty = document.querySelector('[data-live-feed-empty]');
  const limit = 50;
  const money = (minor, currency) => {
    try {
      return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(minor / 100);
    } catch {
      return `${(minor / 100).toFixed(2)} ${currency}`;
    }
  };

  const add = (kind, text, href, linkText) => {
    const item = document.createElement('li');
    item.className = `live-feed-item ${kind}`;
    item.dataset.testid = 'live-feed-item';
    const time = document.createElement('time');
    const now = new Date();
    time.dateTime = now.toISOString();
    time.textContent = now.toLocaleTimeString();
    item.append(time, ' ');
    const link = document.createElement('a');
    link.href = href;
    link.textContent = linkText;
    item.append(link, ` ${text}`);
    list.prepend(item);
    while (list.children.length > limit) list.lastElementChild.remove();
    if (empty) empty.hidden = true;
  };

  document.addEventListener('nexus:live', (event) => {
    const message = event.detail;
    if (!message || message.version !== 1) return;
    const p = message.payload || {};
    if (message.type === 'staff.order-placed' && p.number) {
      add('order', `placed: ${money(Number(p.totalMinor) || 0, String(p.currency || 'USD'))}`, `/admin/orders/${encodeURIComponent(p.number)}`, `Order ${p.number}`);
    } else if (message.type === 'staff.low-stock' && p.productId) {
      add('low-stock', `is low on stock: ${Number(p.stockOnHand)} left (${String(p.sku || '')})`, `/admin/catalog/products/${encodeURIComponent(p.productId)}`, String(p.name || 'A product'));
    }
  });
})();
