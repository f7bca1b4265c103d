// Weekly Expiry Report: its recipients, Send now (the manual trigger) with the API's answer, and a preview of the report
// as it would be sent (the same renderers; nothing is sent).
import { apiKey, call, organizationPath } from './api.js';
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

  const previewBox = el('section', { class: 'report-preview', 'aria-label': 'Report preview' });
  const preview = el('button', { type: 'button', class: 'secondary', onclick: () => showPreview(previewBox, organizationId) }, 'Preview');
  const recipients = settings.body.recipients.length ? el('ul', {}, settings.body.recipients.map((r) => el('li', {}, r))) : state('No recipients.');
  replace(main, el('h2', {}, 'Weekly Expiry Report'),
    el('p', {}, 'Mondays 07:00 Central European time: certificates expiring within 60 days, by email (HTML) and to integrations with the weekly report ticked.'),
    access.canConfigure ? form : recipients,
    el('div', { class: 'actions' }, access.canConfigure ? send : null, preview),
    previewBox);
}

// The report as Send now would send it: subject and counts, the email in a sandboxed frame, and the plain text
// integrations get.
async function showPreview(box, organizationId) {
  replace(box, state('Loading…', 'loading'));
  const path = organizationPath(organizationId, '/weekly-report/preview');
  const answer = await call('GET', path);
  if (!answer.ok) return replace(box, state(answer.problem.detail ?? answer.problem.title, 'error'));

  const report = answer.body;
  // A frame cannot send an API key: with one, the HTML shows only in a signed-in (or local) session.
  const email = apiKey()
    ? state('The email itself shows here in a signed-in session; below is the text integrations get.')
    : el('iframe', { class: 'preview', title: `Email: ${report.subject}`, sandbox: '', src: new URL(`../${path}?format=html`, document.baseURI).href });
  replace(box,
    el('h3', {}, report.subject),
    el('p', { class: 'hint' }, `Week ${report.week}: ${report.certificates} certificates expiring, ${report.rotations} rotations due; `,
      report.targets === 0 ? 'no recipients: Send now would send nothing.' : `${report.targets} recipients and integrations would get it.`),
    email,
    el('h4', {}, 'Plain text (JIRA, Teams, Slack, webhook)'),
    el('pre', { class: 'preview' }, report.text));
}
