// Incident Response: the organization's incident contacts, by priority; add and delete.
import { call, organizationPath } from './api.js';
import { el, replace, toast, state, showProblem, table } from './dom.js';

export async function render(main, organizationId, access) {
  replace(main, el('h2', {}, 'Incident Response'), state('Loading…', 'loading'));
  const contacts = await call('GET', organizationPath(organizationId, '/incident-contacts'));
  if (!contacts.ok) {
    replace(main, el('h2', {}, 'Incident Response'), state(contacts.problem.detail ?? contacts.problem.title, 'error'));
    return;
  }

  const sorted = [...contacts.body].sort((a, b) => a.priority - b.priority);
  const list = sorted.length === 0
    ? state('No incident contacts: incidents reach only the legacy recipients and integrations.')
    : table(['Priority', 'Name', 'Email', 'Role', ''], sorted.map((contact) => [
      contact.priority, contact.name, contact.email, contact.role ?? '',
      access.canConfigure ? el('button', { type: 'button', onclick: () => remove(main, organizationId, contact, access) }, 'Delete') : '']));
  replace(main, el('h2', {}, 'Incident Response'), list, access.canConfigure ? addForm(main, organizationId, access) : null);
}

function addForm(main, organizationId, access) {
  const form = el('form', { class: 'form', novalidate: true, 'aria-label': 'Add contact' },
    el('h3', {}, 'Add contact'),
    el('label', {}, 'Name', el('input', { name: 'name', 'data-field': 'name', required: true, maxlength: 200 })),
    el('label', {}, 'Email', el('input', { name: 'email', type: 'email', 'data-field': 'email', required: true })),
    el('label', {}, 'Role', el('input', { name: 'role', 'data-field': 'role', maxlength: 200 })),
    el('label', {}, 'Priority', el('input', { name: 'priority', type: 'number', min: 1, 'data-field': 'priority', value: 1 })),
    el('button', { type: 'submit' }, 'Save contact'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const answer = await call('POST', organizationPath(organizationId, '/incident-contacts'), {
      name: data.get('name'), email: data.get('email'), role: data.get('role') || null, priority: Number(data.get('priority')),
    });
    if (!answer.ok) return toast(showProblem(form, answer.problem), 'error');
    toast(`${answer.body.name} added.`, 'success');
    render(main, organizationId, access);
  });
  return form;
}

async function remove(main, organizationId, contact, access) {
  const answer = await call('DELETE', organizationPath(organizationId, `/incident-contacts/${encodeURIComponent(contact.id)}`), undefined, { 'If-Match': contact.etag });
  if (answer.status === 412) return toast('Changed elsewhere: reload.', 'error');
  if (!answer.ok) return toast(answer.problem.detail ?? answer.problem.title, 'error');
  toast(`${contact.name} deleted.`, 'success');
  render(main, organizationId, access);
}
