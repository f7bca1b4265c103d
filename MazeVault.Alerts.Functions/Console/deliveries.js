// Deliveries: recent notifications with status, channel, target and reason; filter by status.
import { call, organizationPath } from './api.js';
import { el, replace, state, when } from './dom.js';

const statuses = ['', 'queued', 'retrying', 'delivered', 'skipped', 'failed'];

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
      el('thead', {}, el('tr', {}, ['When', 'Status', 'Channel', 'Target', 'Reason'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, items.map((d) => el('tr', {},
        el('td', {}, when(d.updatedAt)), el('td', {}, el('span', { class: `badge ${d.status}` }, d.status)),
        el('td', {}, d.channel), el('td', {}, d.targetName ?? d.target), el('td', {}, d.lastError ?? d.detail ?? '')))));
  replace(main, el('h2', {}, 'Deliveries'), filter, list);
}
