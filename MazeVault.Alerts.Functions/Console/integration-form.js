// Add Integration: pick the type, then a form built from the fields that channel declares (GET /api/channels), so a
// channel plugged into the app gets its form with no console code. Secrets are write-only inputs.
import { call, organizationPath } from './api.js';
import { el, toast, showProblem } from './dom.js';
import { routeEditor, onRouteInputs } from './route-editor.js';

const inputTypes = { url: 'url', email: 'email', secret: 'password', secretUrl: 'password', number: 'number', text: 'text' };

export async function addIntegrationForm(organizationId, onSaved) {
  const channels = await call('GET', 'channels');
  if (!channels.ok) return el('p', { class: 'state error' }, channels.problem.detail ?? channels.problem.title);

  const fieldsBox = el('div', { class: 'fields' });
  const route = routeEditor();
  const type = el('select', { name: 'type', 'data-field': 'type', required: true },
    el('option', { value: '' }, 'Choose a type'),
    channels.body.items.map((c) => el('option', { value: c.type }, c.displayName)));
  const form = el('form', { class: 'form', novalidate: true, 'aria-label': 'Add Integration' },
    el('h3', {}, 'Add Integration'),
    el('label', {}, 'Type', type),
    el('label', {}, 'Name', el('input', { name: 'name', 'data-field': 'name', required: true, maxlength: 200 })),
    fieldsBox,
    route.node,
    el('label', { class: 'check' }, el('input', { type: 'checkbox', name: 'weeklyReport' }), 'Enable Weekly Expiry Report'),
    el('button', { type: 'submit' }, 'Save Integration'));
  type.addEventListener('change', () => {
    const channel = channels.body.items.find((c) => c.type === type.value);
    fieldsBox.replaceChildren(...(channel?.fields ?? []).map(input));
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const channel = channels.body.items.find((c) => c.type === type.value);
    const body = { type: type.value, name: form.elements.name.value, weeklyReport: form.elements.weeklyReport.checked, route: route.value() };
    for (const field of channel?.fields ?? []) {
      const value = form.elements[field.name].value.trim();
      if (value === '') continue;
      body[field.name] = field.kind === 'list' ? value.split(/\s+/).filter(Boolean) : field.kind === 'number' ? Number(value) : value;
    }

    const answer = await call('POST', organizationPath(organizationId, '/integrations'), body);
    if (!answer.ok) return toast(showProblem(form, onRouteInputs(answer.problem)), 'error');
    toast(`${answer.body.name} saved.`, 'success');
    onSaved();
  });
  return form;
}

function input(field) {
  const label = field.required ? `${field.label} (required)` : field.label;
  const control = field.kind === 'choice'
    ? el('select', { name: field.name, 'data-field': field.name }, el('option', { value: '' }, 'Default'), field.choices.map((c) => el('option', { value: c }, c)))
    : field.kind === 'list'
      ? el('textarea', { name: field.name, 'data-field': field.name, rows: 3, required: field.required })
      : el('input', {
        name: field.name, 'data-field': field.name, type: inputTypes[field.kind] ?? 'text', required: field.required,
        autocomplete: field.kind.startsWith('secret') ? 'off' : undefined,
      });
  return el('label', {}, label, control, field.help ? el('small', { class: 'hint' }, field.help) : null);
}
