// Incident Response: the organization's incident contacts, by priority; add, edit and delete.
import { call, organizationPath } from './api.js';
import { el, replace, toast, state, showProblem, table } from './dom.js';
import { pagedList } from './paged-list.js';

export async function render(main, organizationId, access) {
  replace(main, el('h2', {}, 'Incident Response'), state('Loading…', 'loading'));
  const contacts = await pagedList(organizationPath(organizationId, '/incident-contacts'), {
    label: 'Incident contacts',
    empty: 'No incident contacts: incidents reach only the legacy recipients and integrations.',
    compare: (a, b) => a.priority - b.priority || a.name.localeCompare(b.name),
    render: (sorted) => table(['Priority', 'Name', 'Email', 'Role', ''], sorted.map((contact) => [
      contact.priority, contact.name, contact.email, contact.role ?? '',
      access.canConfigure ? el('div', { class: 'actions' },
        el('button', { type: 'button', class: 'secondary', onclick: () => edit(contact) }, 'Edit'),
        el('button', { type: 'button', class: 'secondary danger', onclick: () => remove(main, organizationId, contact, access) }, 'Delete')) : ''])),
  });
  if (contacts.problem) {
    replace(main, el('h2', {}, 'Incident Response'), state(contacts.problem.detail ?? contacts.problem.title, 'error'));
    return;
  }

  const list = contacts.element;
  const form = access.canConfigure ? el('div', {}, contactForm(main, organizationId, access)) : null;
  const edit = (contact) => {
    replace(form, contactForm(main, organizationId, access, contact));
    form.querySelector('input[name="name"]').focus();
  };
  replace(main, el('h2', {}, 'Incident Response'), list, form);
}

// Add contact, or Edit one (the same form, filled in, saved with the contact's ETag).
function contactForm(main, organizationId, access, contact = null) {
  const title = contact ? `Edit ${contact.name}` : 'Add contact';
  const form = el('form', { class: 'form', novalidate: true, 'aria-label': title },
    el('h3', {}, title),
    el('label', {}, 'Name', el('input', { name: 'name', 'data-field': 'name', required: true, maxlength: 200, value: contact?.name })),
    el('label', {}, 'Email', el('input', { name: 'email', type: 'email', 'data-field': 'email', required: true, value: contact?.email })),
    el('label', {}, 'Role', el('input', { name: 'role', 'data-field': 'role', maxlength: 200, value: contact?.role })),
    el('label', {}, 'Priority', el('input', { name: 'priority', type: 'number', min: 1, 'data-field': 'priority', value: contact?.priority ?? 1 })),
    el('div', { class: 'actions' },
      el('button', { type: 'submit' }, 'Save contact'),
      contact ? el('button', { type: 'button', class: 'secondary', onclick: () => render(main, organizationId, access) }, 'Cancel') : null));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const body = { name: data.get('name'), email: data.get('email'), role: data.get('role') || null, priority: Number(data.get('priority')) };
    const answer = contact
      ? await call('PUT', organizationPath(organizationId, `/incident-contacts/${encodeURIComponent(contact.id)}`), body, { 'If-Match': contact.etag })
      : await call('POST', organizationPath(organizationId, '/incident-contacts'), body);
    if (answer.status === 412) return toast('Changed elsewhere: reload.', 'error');
    if (!answer.ok) return toast(showProblem(form, answer.problem), 'error');
    toast(`${answer.body.name} ${contact ? 'saved' : 'added'}.`, 'success');
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
