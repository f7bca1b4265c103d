// Deliveries: recent notifications with status, channel, target and reason; filter by status.
import { call, organizationPath } from './api.js';
import { el, replace, state, when } from './dom.js';

const statuses = ['', 'queued', 'sending', 'retrying', 'delivered', 'skipped', 'suppressed', 'failed'];

export async function render(main, organizationId, access, status = '') {
  const filter = el('select', { 'aria-label': 'Status' }, statuses.map((s) => el('option', { value: s, selected: s === status }, s || 'any status')));
  filter.addEventListener('change', () => render(main, organizationId, access, filter.value));
  replace(main, el('h2', {}, 'Deliveries'), filter, state('Loading…', 'loading'));
  const query = status ? `?status=${encodeURIComponent(status)}` : '';
  const answer = await call('GET', organizationPath(organizationId, `/deliveries${query}`));
  if (!answer.ok) {
    replace(main, el('h2', {}, 'Deliveries'), filter, state(answer.problem.detail ?? answer.problem.title, 'error'));
    return;
  }

  const items = answer.body.items;
  const list = items.length === 0
    ? state('No notifications yet.')
    : el('table', { class: 'list' },
      el('thead', {}, el('tr', {}, ['When', 'Status', 'Channel', 'Target', 'Reason', ''].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, items.map((d) => el('tr', {},
        el('td', {}, when(d.updatedAt)), el('td', {}, el('span', { class: `badge ${d.status}` }, d.status)),
        el('td', {}, d.channel), el('td', {}, d.targetName ?? d.target), el('td', {}, d.lastError ?? d.detail ?? ''),
        el('td', {}, el('button', { type: 'button', onclick: () => showAttempts(drawer, organizationId, d) }, 'Attempts'))))));
  const drawer = el('aside', { class: 'drawer', 'aria-label': 'Delivery attempts', hidden: true, tabindex: -1 });
  replace(main, el('h2', {}, 'Deliveries'), filter, list, drawer);
}

// Every attempt of one delivery: when, outcome, the vendor's status, how long it took and why.
async function showAttempts(drawer, organizationId, delivery) {
  drawer.hidden = false;
  replace(drawer, state('Loading…', 'loading'));
  const answer = await call('GET', organizationPath(organizationId, `/deliveries/${encodeURIComponent(delivery.deliveryId)}`));
  const close = el('button', { type: 'button', onclick: () => { drawer.hidden = true; } }, 'Close');
  if (!answer.ok) {
    replace(drawer, state(answer.problem.detail ?? answer.problem.title, 'error'), close);
    return;
  }

  const attempts = answer.body.attempts ?? [];
  replace(drawer, el('h3', {}, `${delivery.channel} to ${delivery.targetName ?? delivery.target}`),
    attempts.length === 0 ? state('No attempt yet.') : el('table', { class: 'list' },
      el('thead', {}, el('tr', {}, ['#', 'Started', 'Outcome', 'Vendor status', 'Duration', 'Reason'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, attempts.map((a) => el('tr', {},
        el('td', {}, a.number), el('td', {}, when(a.startedAt)), el('td', {}, a.outcome),
        el('td', {}, a.vendorStatus ?? '—'), el('td', {}, `${a.durationMs} ms`), el('td', {}, a.reason ?? ''))))),
    close);
  drawer.focus();
}
