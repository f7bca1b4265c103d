// Allowed recipients: the domains and addresses an admin allows the vault feed's rotation configs to email. Without a
// saved policy the list shown is the default (RECIPIENT_DEFAULT_DOMAINS and the organization's own domains).
import { call, organizationPath } from './api.js';
import { el, toast, showProblem, state } from './dom.js';

export async function recipientPolicySection(organizationId, canConfigure, reload) {
  const answer = await call('GET', organizationPath(organizationId, '/recipient-policy'));
  if (!answer.ok) return state(answer.problem.detail ?? answer.problem.title, 'error');

  const policy = answer.body;
  const list = (name, label, values) => el('label', {}, label,
    el('textarea', { name, 'data-field': name, rows: 3, disabled: !canConfigure }, values.join('\n')),
    el('small', { class: 'hint' }, 'One per line.'));
  const form = el('form', { class: 'form', novalidate: true, 'aria-label': 'Allowed recipients' },
    el('p', { class: 'hint' }, policy.configured
      ? 'Rotation configs from the vault feed may email only these domains and addresses.'
      : 'No policy saved: the defaults below apply (the company\'s domains and this organization\'s own). Save to set your own.'),
    list('allowedDomains', 'Allowed domains (exact; a subdomain is its own line)', policy.allowedDomains),
    list('allowedAddresses', 'Allowed addresses', policy.allowedAddresses),
    canConfigure ? el('button', { type: 'submit' }, 'Save allowed recipients') : null);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const lines = (name) => form.elements[name].value.split(/\s+/).filter(Boolean);
    const body = { allowedDomains: lines('allowedDomains'), allowedAddresses: lines('allowedAddresses') };
    const saved = await call('PUT', organizationPath(organizationId, '/recipient-policy'), body, answer.etag ? { 'If-Match': answer.etag } : {});
    if (saved.status === 412) return toast('Changed elsewhere: reload.', 'error');
    if (!saved.ok) return toast(showProblem(form, saved.problem), 'error');
    toast('Allowed recipients saved.', 'success');
    reload();
  });
  return form;
}
