// Deliveries: recent notifications with status, channel, target and reason; filter by status.
import { call, organizationPath } from './api.js';
import { el, replace, state, when, table } from './dom.js';

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
    : table(['When', 'Status', 'Channel', 'Target', 'Reason', ''], items.map((d) => [
      when(d.updatedAt), el('span', { class: `badge ${d.status}` }, d.status), d.channel, d.targetName ?? d.target,
      d.lastError ?? d.detail ?? '', el('button', { type: 'button', onclick: () => showAttempts(drawer, organizationId, d) }, 'Attempts')]));
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
    attempts.length === 0 ? state('No attempt yet.') : table(['#', 'Started', 'Outcome', 'Vendor status', 'Duration', 'Reason'],
      attempts.map((a) => [a.number, when(a.startedAt), a.outcome, a.vendorStatus ?? '—', `${a.durationMs} ms`, a.reason ?? ''])),
    close);
  drawer.focus();
}
