// Deliveries: recent notifications with status, channel, target and reason; filter by status.
import { call, organizationPath } from './api.js';
import { el, replace, state, when, table } from './dom.js';
import { pagedList } from './paged-list.js';

const statuses = ['', 'queued', 'sending', 'retrying', 'delivered', 'skipped', 'suppressed', 'failed'];

export async function render(main, organizationId, access, status = '') {
  const filter = el('select', { 'aria-label': 'Status' }, statuses.map((s) => el('option', { value: s, selected: s === status }, s || 'any status')));
  filter.addEventListener('change', () => render(main, organizationId, access, filter.value));
  replace(main, el('h2', {}, 'Deliveries'), filter, state('Loading…', 'loading'));
  const query = status ? `?status=${encodeURIComponent(status)}` : '';
  const drawer = el('aside', { class: 'drawer', 'aria-label': 'Delivery attempts', hidden: true, tabindex: -1 });
  const deliveries = await pagedList(organizationPath(organizationId, `/deliveries${query}`), {
    label: 'Deliveries',
    empty: 'No notifications yet.',
    // Newest first among those read: the API pages by delivery id, which says nothing of time.
    compare: (a, b) => b.updatedAt.localeCompare(a.updatedAt),
    render: (items) => table(['When', 'Status', 'Channel', 'Target', 'Reason', ''], items.map((d) => [
      when(d.updatedAt), el('span', { class: `badge ${d.status}` }, d.status), d.channel, d.targetName ?? d.target,
      d.lastError ?? d.detail ?? '', el('button', { type: 'button', onclick: () => showAttempts(drawer, organizationId, d) }, 'Attempts')])),
  });
  if (deliveries.problem) {
    replace(main, el('h2', {}, 'Deliveries'), filter, state(deliveries.problem.detail ?? deliveries.problem.title, 'error'));
    return;
  }

  replace(main, el('h2', {}, 'Deliveries'), filter, deliveries.element, drawer);
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
    attempts.length === 0 ? state('No attempt yet.') : table(['#', 'Started', 'Outcome', 'Vendor status', 'Duration', 'Reason'],
      attempts.map((a) => [a.number, when(a.startedAt), a.outcome, a.vendorStatus ?? '—', `${a.durationMs} ms`, a.reason ?? ''])),
    close);
  drawer.focus();
}
