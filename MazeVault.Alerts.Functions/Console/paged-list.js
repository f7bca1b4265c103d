// A list the API answers a page at a time ({ items, continuationToken }): shows every item read so far in the order the
// screen wants (pages come in stored key order, not by name or priority), and a "Show more" button while pages remain.
import { call } from './api.js';
import { el, replace, state } from './dom.js';

/**
 * Reads the first page of `path`. Answers { problem } when it failed, else { element }: the list, drawn by
 * `render(items)` (or the `empty` text), followed by "Show more" while the API has more.
 */
export async function pagedList(path, { render, empty, compare = null, label }) {
  const first = await call('GET', path);
  if (!first.ok) return { problem: first.problem };

  let items = first.body.items;
  let token = first.body.continuationToken;
  const region = el('div', { class: 'paged', tabindex: -1, 'aria-label': label });
  const status = el('p', { class: 'hint', role: 'status' });
  const more = el('button', { type: 'button', class: 'secondary more' }, 'Show more');
  const list = el('div', {}, region, status);

  const draw = () => {
    const shown = compare ? [...items].sort(compare) : items;
    replace(region, shown.length === 0 ? state(empty) : render(shown));
    // Present only while the API has more: a screen without more pages has no control to offer.
    if (token) list.append(more);
    else more.remove();
    status.textContent = token ? `${items.length} shown; more are stored.` : '';
  };

  more.addEventListener('click', async () => {
    more.disabled = true;
    const next = await call('GET', `${path}${path.includes('?') ? '&' : '?'}continuationToken=${encodeURIComponent(token)}`);
    more.disabled = false;
    if (!next.ok) {
      status.textContent = next.problem.detail ?? next.problem.title;
      return;
    }

    items = items.concat(next.body.items);
    token = next.body.continuationToken;
    draw();
    // The button goes away with the last page: keep the keyboard in the list rather than on a removed control.
    if (!token) region.focus();
  });

  draw();
  return { element: list };
}
