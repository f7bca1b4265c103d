// Builds DOM nodes. Text from the API (names, reasons, incident text) only ever becomes text nodes, never markup, so a
// hostile integration name shows as the characters it is.
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (value === true) node.setAttribute(name, '');
    else node.setAttribute(name, String(value));
  }

  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }

  return node;
}

export function replace(container, ...children) {
  container.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
}

export function toast(message, kind = 'info') {
  const item = el('div', { class: `toast ${kind}` }, message);
  document.getElementById('toasts').append(item);
  setTimeout(() => item.remove(), 8000);
}

/** The input of a field, or of the list or object it is an entry of (allowedAddresses[2] shows at allowedAddresses). */
function inputFor(form, field) {
  const entry = /(\[\d+\]|\.[^.[\]]+)$/;
  for (let name = field; ; name = name.replace(entry, '')) {
    const input = form?.querySelector(`[data-field="${CSS.escape(name)}"]`);
    if (input || !entry.test(name)) return input ?? null;
  }
}

/** The problem's detail, and each field error next to its input (inputs carry data-field). */
export function showProblem(form, problem) {
  form?.querySelectorAll('.field-error').forEach((e) => e.remove());
  const errors = problem?.errors ?? {};
  for (const [field, messages] of Object.entries(errors)) {
    const input = inputFor(form, field);
    const text = `${field} ${[].concat(messages).join(' ')}`;
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      input.after(el('span', { class: 'field-error', role: 'alert' }, text));
    }
  }

  return problem?.detail ?? problem?.title ?? 'The request failed.';
}

export const state = (text, kind = 'empty') => el('p', { class: `state ${kind}` }, text);

export const when = (iso) => (iso ? new Date(iso).toLocaleString() : '');

/**
 * A table of <paramref name="rows"/> (arrays of cells) under <paramref name="headers"/>. Each cell carries its column's
 * name, which it shows before its content when a phone's width stacks the cells of a row.
 */
export const table = (headers, rows, label) => el('table', { class: 'list', 'aria-label': label },
  el('thead', {}, el('tr', {}, headers.map((h) => el('th', { scope: 'col' }, h)))),
  el('tbody', {}, rows.map((cells) => el('tr', {}, cells.map((cell, i) => el('td', { 'data-label': headers[i] }, cell))))));
