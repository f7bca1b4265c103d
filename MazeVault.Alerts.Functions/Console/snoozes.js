// Snoozes and alert policy: the snoozes in force (end one, snooze a certificate or rotation config), the
// organization's noise control (reminders, thresholds, resolve notices, digest for contacts) and the recipients the
// vault feed's rotation configs may email.
import { call, organizationPath } from './api.js';
import { el, replace, toast, state, showProblem, table, when } from './dom.js';
import { recipientPolicySection } from './recipient-policy.js';
import { pagedList } from './paged-list.js';

const kinds = { certificates: 'Certificate', 'rotation-configs': 'Rotation config' };

export async function render(main, organizationId, access) {
  const title = el('h2', {}, 'Snoozes and alert policy');
  replace(main, title, state('Loading…', 'loading'));
  const reload = () => render(main, organizationId, access);
  const [snoozes, policy] = await Promise.all([
    pagedList(organizationPath(organizationId, '/snoozes'), {
      label: 'Snoozes',
      empty: 'Nothing is snoozed: every due certificate and failed rotation alerts as the policy says.',
      compare: (a, b) => a.until.localeCompare(b.until),
      render: (items) => table(['Resource', 'Kind', 'Until', 'Reason', 'Owner', ''], items.map((s) => [
        s.resourceId, kinds[s.kind] ?? s.kind, when(s.until), s.reason, s.owner,
        access.canConfigure ? el('button', { type: 'button', class: 'secondary', onclick: () => endSnooze(organizationId, s, reload) }, 'End snooze') : '']),
      'Snoozes'),
    }),
    call('GET', organizationPath(organizationId, '/alert-policy')),
  ]);
  const problem = snoozes.problem ?? (policy.ok ? null : policy.problem);
  if (problem) {
    replace(main, title, state(problem.detail ?? problem.title, 'error'));
    return;
  }

  replace(main, title,
    el('h3', {}, 'Snoozes'), snoozes.element,
    access.canConfigure ? snoozeForm(organizationId, reload) : null,
    el('h3', {}, 'Alert policy'), policyForm(organizationId, policy, access.canConfigure, reload),
    el('h3', {}, 'Allowed recipients'), await recipientPolicySection(organizationId, access.canConfigure, reload));
}

function snoozeForm(organizationId, reload) {
  // Snoozes last at most 30 days: the form offers this time tomorrow, in the operator's time zone (datetime-local).
  const tomorrow = new Date(Date.now() + 24 * 3600 * 1000 - new Date().getTimezoneOffset() * 60 * 1000).toISOString().slice(0, 16);
  const form = el('form', { class: 'form', novalidate: true, 'aria-label': 'Snooze a resource' },
    el('label', {}, 'Kind', el('select', { name: 'kind', 'data-field': 'kind' },
      Object.entries(kinds).map(([value, label]) => el('option', { value }, label)))),
    el('label', {}, 'Resource id', el('input', { name: 'resourceId', 'data-field': 'resourceId', required: true, maxlength: 256 })),
    el('label', {}, 'Until (your time zone)', el('input', { name: 'until', type: 'datetime-local', 'data-field': 'until', required: true, value: tomorrow })),
    el('label', {}, 'Reason', el('input', { name: 'reason', 'data-field': 'reason', required: true, maxlength: 500 })),
    el('label', {}, 'Owner', el('input', { name: 'owner', 'data-field': 'owner', required: true, maxlength: 200 })),
    el('button', { type: 'submit' }, 'Snooze'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const resourceId = String(data.get('resourceId')).trim();
    if (!resourceId) return toast(showProblem(form, { detail: 'Type the resource id.', errors: { resourceId: ['is required.'] } }), 'error');
    const until = data.get('until') ? new Date(String(data.get('until'))).toISOString() : null;
    const path = organizationPath(organizationId, `/snoozes/${encodeURIComponent(data.get('kind'))}/${encodeURIComponent(resourceId)}`);
    const answer = await call('PUT', path, { until, reason: data.get('reason'), owner: data.get('owner') });
    if (!answer.ok) return toast(showProblem(form, answer.problem), 'error');
    toast(`${resourceId} snoozed until ${when(answer.body.until)}.`, 'success');
    reload();
  });
  return form;
}

async function endSnooze(organizationId, snooze, reload) {
  const path = organizationPath(organizationId, `/snoozes/${encodeURIComponent(snooze.kind)}/${encodeURIComponent(snooze.resourceId)}`);
  const answer = await call('DELETE', path);
  if (!answer.ok) return toast(answer.problem.detail ?? answer.problem.title, 'error');
  toast(`${snooze.resourceId} alerts again.`, 'success');
  reload();
}

function policyForm(organizationId, answer, canConfigure, reload) {
  const policy = answer.body;
  const form = el('form', { class: 'form', novalidate: true, 'aria-label': 'Alert policy' },
    el('label', {}, 'Reminders', el('select', { name: 'reminders', 'data-field': 'reminders', disabled: !canConfigure },
      el('option', { value: 'daily', selected: policy.reminders === 'daily' }, 'Daily: every check alerts every due item'),
      el('option', { value: 'thresholds', selected: policy.reminders === 'thresholds' }, 'Thresholds: once at each number of days left'))),
    el('label', {}, 'Threshold days (comma separated)',
      el('input', { name: 'thresholdDays', 'data-field': 'thresholdDays', value: policy.thresholdDays.join(', '), disabled: !canConfigure })),
    el('label', {}, 'Final stretch days (with thresholds: alert every day from here)',
      el('input', { name: 'finalStretchDays', type: 'number', min: 0, max: 30, 'data-field': 'finalStretchDays', value: policy.finalStretchDays, disabled: !canConfigure })),
    el('label', { class: 'check' }, el('input', { type: 'checkbox', name: 'resolveNotifications', checked: policy.resolveNotifications, disabled: !canConfigure }),
      'Send a resolved notice when a resource is healthy again'),
    el('label', { class: 'check' }, el('input', { type: 'checkbox', name: 'digestContacts', checked: policy.digestContacts, disabled: !canConfigure }),
      'One daily digest for ADMIN_EMAIL and the incident contacts'),
    canConfigure ? el('button', { type: 'submit' }, 'Save policy') : null);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = {
      reminders: form.elements.reminders.value,
      thresholdDays: form.elements.thresholdDays.value.split(/[\s,]+/).filter(Boolean).map(Number),
      finalStretchDays: Number(form.elements.finalStretchDays.value),
      resolveNotifications: form.elements.resolveNotifications.checked,
      digestContacts: form.elements.digestContacts.checked,
    };
    const saved = await call('PUT', organizationPath(organizationId, '/alert-policy'), body, answer.etag ? { 'If-Match': answer.etag } : {});
    if (saved.status === 412) return toast('Changed elsewhere: reload.', 'error');
    if (!saved.ok) return toast(showProblem(form, saved.problem), 'error');
    toast('Alert policy saved.', 'success');
    reload();
  });
  return form;
}
