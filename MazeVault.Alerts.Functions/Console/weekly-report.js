// Weekly Expiry Report: its recipients, and Send now (the manual trigger) with the API's answer.
import { call, organizationPath } from './api.js';
import { el, replace, toast, state, showProblem } from './dom.js';

const answers = {
  sent: 'Sent: the report is on its way.',
  alreadySent: 'Already sent this week.',
  noRecipients: 'Not sent: no recipients and no integration with the weekly report ticked.',
};

export async function render(main, organizationId, access) {
  replace(main, el('h2', {}, 'Weekly Expiry Report'), state('Loading…', 'loading'));
  const settings = await call('GET', organizationPath(organizationId, '/weekly-report/recipients'));
  if (!settings.ok) {
    replace(main, el('h2', {}, 'Weekly Expiry Report'), state(settings.problem.detail ?? settings.problem.title, 'error'));
    return;
  }

  const form = el('form', { class: 'form', novalidate: true, 'aria-label': 'Report recipients' },
    el('label', {}, 'Recipients (one address per line)',
      el('textarea', { name: 'recipients', rows: 4, 'data-field': 'recipients' }, settings.body.recipients.join('\n'))),
    el('button', { type: 'submit' }, 'Save recipients'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const recipients = new FormData(form).get('recipients').split(/\s+/).filter(Boolean);
    const answer = await call('PUT', organizationPath(organizationId, '/weekly-report/recipients'), { recipients });
    if (!answer.ok) return toast(showProblem(form, answer.problem), 'error');
    toast('Recipients saved.', 'success');
  });

  const send = el('button', { type: 'button' }, 'Send now');
  send.addEventListener('click', async () => {
    send.disabled = true;
    const answer = await call('POST', organizationPath(organizationId, '/weekly-report/send'));
    send.disabled = false;
    if (!answer.ok) return toast(answer.problem.detail ?? answer.problem.title, 'error');
    toast(answers[answer.body.status] ?? answer.body.detail, answer.body.status === 'sent' ? 'success' : 'info');
  });

  const recipients = settings.body.recipients.length ? el('ul', {}, settings.body.recipients.map((r) => el('li', {}, r))) : state('No recipients.');
  replace(main, el('h2', {}, 'Weekly Expiry Report'),
    el('p', {}, 'Mondays 07:00 Central European time: certificates expiring within 60 days, by email (HTML) and to integrations with the weekly report ticked.'),
    access.canConfigure ? [form, el('div', { class: 'actions' }, send)] : recipients);
}
