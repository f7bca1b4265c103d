// Add Integration and Edit: one form built from the fields the channel declares (GET /api/channels), so a channel
// plugged into the app gets its form with no console code. Secrets are write-only: an edit shows "configured · hint"
// with Replace and Clear, and a PUT that leaves a secret out keeps the stored value ("" clears it).
import { call, organizationPath } from './api.js';
import { el, toast, showProblem } from './dom.js';
import { routeEditor } from './route-editor.js';

const inputTypes = { url: 'url', email: 'email', secret: 'password', secretUrl: 'password', number: 'number', text: 'text' };
const isSecret = (field) => field.kind.startsWith('secret');

/**
 * The form for a new integration (no <paramref name="integration"/>) or for editing one (the API's view of it, with
 * its ETag). <paramref name="channels"/> is the body of GET channels.
 */
export function integrationForm(organizationId, channels, onSaved, integration = null) {
  const editing = integration !== null;
  const title = editing ? `Edit ${integration.name}` : 'Add Integration';
  const fieldsBox = el('div', { class: 'fields' });
  const route = routeEditor(integration?.route);
  const type = el('select', { name: 'type', 'data-field': 'type', required: true, disabled: editing },
    el('option', { value: '' }, 'Choose a type'),
    channels.items.map((c) => el('option', { value: c.type, selected: c.type === integration?.type }, c.displayName)));
  const form = el('form', { class: 'form', novalidate: true, 'aria-label': title },
    el('h3', {}, title),
    el('label', {}, 'Type', type),
    el('label', {}, 'Name', el('input', { name: 'name', 'data-field': 'name', required: true, maxlength: 200, value: integration?.name })),
    fieldsBox,
    route.node,
    el('label', { class: 'check' }, el('input', { type: 'checkbox', name: 'weeklyReport', checked: integration?.weeklyReport }), 'Enable Weekly Expiry Report'),
    el('div', { class: 'actions' },
      el('button', { type: 'submit' }, 'Save Integration'),
      editing ? el('button', { type: 'button', class: 'secondary', onclick: () => onSaved() }, 'Cancel') : null));
  const channelOf = () => channels.items.find((c) => c.type === type.value);
  const showFields = () => fieldsBox.replaceChildren(...(channelOf()?.fields ?? []).map((field) => input(field, integration?.[field.name])));
  type.addEventListener('change', showFields);
  showFields();

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { type: type.value, name: form.elements.name.value, weeklyReport: form.elements.weeklyReport.checked, route: route.value() };
    if (editing) body.active = integration.active;
    for (const field of channelOf()?.fields ?? []) {
      const control = form.elements[field.name];
      // A stored secret left alone is omitted (kept); Clear sends "" (cleared); a typed value replaces it.
      if (control.dataset.clear === 'true') {
        body[field.name] = '';
        continue;
      }

      const value = control.value.trim();
      if (value === '') continue;
      body[field.name] = field.kind === 'list' ? value.split(/\s+/).filter(Boolean) : field.kind === 'number' ? Number(value) : value;
    }

    const path = organizationPath(organizationId, editing ? `/integrations/${encodeURIComponent(integration.id)}` : '/integrations');
    const answer = editing
      ? await call('PUT', path, body, { 'If-Match': integration.etag })
      : await call('POST', path, body);
    if (answer.status === 412) return toast('Changed elsewhere: reload.', 'error');
    if (!answer.ok) return toast(showProblem(form, answer.problem), 'error');
    toast(`${answer.body.name} saved.`, 'success');
    onSaved();
  });
  return form;
}

function input(field, stored) {
  const label = field.required ? `${field.label} (required)` : field.label;
  if (isSecret(field) && stored?.set) return storedSecret(field, label, stored.hint);

  const current = Array.isArray(stored) ? stored.join('\n') : stored ?? '';
  const control = field.kind === 'choice'
    ? el('select', { name: field.name, 'data-field': field.name },
      el('option', { value: '' }, 'Default'), field.choices.map((c) => el('option', { value: c, selected: c === current }, c)))
    : field.kind === 'list'
      ? el('textarea', { name: field.name, 'data-field': field.name, rows: 3, required: field.required }, current)
      : el('input', {
        name: field.name, 'data-field': field.name, type: inputTypes[field.kind] ?? 'text', required: field.required,
        autocomplete: isSecret(field) ? 'off' : undefined, value: isSecret(field) ? undefined : current,
        pattern: field.pattern, min: field.minimum, max: field.maximum,
      });
  return el('label', {}, label, control, field.help ? el('small', { class: 'hint' }, field.help) : null);
}

// A secret the integration has: never shown back. Replace reveals an empty input; Clear marks it to be removed.
function storedSecret(field, label, hint) {
  const control = el('input', {
    name: field.name, 'data-field': field.name, type: 'password', autocomplete: 'off', hidden: true, 'aria-label': `New ${field.label}`,
  });
  const status = el('span', { class: 'secret-status' }, `configured · ${hint}`);
  const replaceButton = el('button', { type: 'button', class: 'secondary' }, 'Replace');
  const clearButton = el('button', { type: 'button', class: 'secondary', hidden: field.required }, 'Clear');
  replaceButton.addEventListener('click', () => {
    control.hidden = false;
    control.dataset.clear = 'false';
    status.textContent = `configured · ${hint} (type the new value)`;
    control.focus();
  });
  clearButton.addEventListener('click', () => {
    control.hidden = true;
    control.value = '';
    control.dataset.clear = 'true';
    status.textContent = 'will be cleared when saved';
  });
  return el('div', { class: 'secret', role: 'group', 'aria-label': label },
    el('span', { class: 'secret-label' }, label), status, el('div', { class: 'actions' }, replaceButton, clearButton), control,
    field.help ? el('small', { class: 'hint' }, field.help) : null);
}
