// Notifications: the email transport indicator and one card per integration (health, Test, Edit, Activate, Delete).
import { call, organizationPath } from './api.js';
import { el, replace, toast, state, when } from './dom.js';
import { integrationForm } from './integration-form.js';
import { routeSentence } from './route-editor.js';
import { whoGetsThisPanel } from './routing-explain.js';
import { pagedList } from './paged-list.js';

const icons = { jira: '🎫', teams: '👥', slack: '💬', webhook: '🔗', email: '📧' };
const healthLabels = { ok: 'OK', error: 'Error', skipped: 'Skipped' };

export async function render(main, organizationId, access) {
  replace(main, el('h2', {}, 'Notifications'), state('Loading…', 'loading'));
  const reload = () => render(main, organizationId, access);
  const screen = { organizationId, access, reload, editor: el('div', { class: 'editor' }) };
  const [email, channels, integrations] = await Promise.all([
    call('GET', 'email/status'),
    call('GET', 'channels'),
    pagedList(organizationPath(organizationId, '/integrations'), {
      label: 'Integrations',
      empty: 'No integrations yet: nothing but the legacy recipients and incident contacts is notified.',
      compare: (a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }),
      render: (items) => el('ul', { class: 'cards' }, items.map((integration) => card(screen, integration))),
    }),
  ]);
  const problem = integrations.problem ?? (channels.ok ? null : channels.problem);
  if (problem) {
    replace(main, el('h2', {}, 'Notifications'), state(problem.detail ?? problem.title, 'error'));
    return;
  }

  screen.channels = channels.body;
  replace(main, el('h2', {}, 'Notifications'), emailIndicator(email), integrations.element, screen.editor, whoGetsThisPanel(organizationId),
    access.canConfigure ? integrationForm(organizationId, channels.body, reload) : null);
}

function emailIndicator(email) {
  if (!email.ok) return state(email.problem.detail ?? email.problem.title, 'error');
  const status = email.body;
  return el('section', { class: `indicator ${status.usable ? 'ok' : 'bad'}`, 'aria-label': 'Email transport' },
    el('p', {}, status.indicator),
    status.usable ? null : el('p', { class: 'hint' }, status.problems.length ? status.problems.join(' ') : 'Email notifications are disabled.'));
}

function card(screen, integration) {
  const { access } = screen;
  const results = el('ul', { class: 'recipients', 'aria-label': `Test results of ${integration.name}`, hidden: true });
  const testButton = el('button', { type: 'button', class: 'test' }, 'Test');
  testButton.addEventListener('click', () => runTest(screen.organizationId, integration, testButton, results));
  const actions = access.canConfigure
    ? el('div', { class: 'actions' },
      testButton,
      el('button', { type: 'button', class: 'secondary', onclick: () => edit(screen, integration) }, 'Edit'),
      el('button', { type: 'button', class: 'secondary', onclick: () => setActive(screen, integration) }, integration.active ? 'Deactivate' : 'Activate'),
      el('button', { type: 'button', class: 'secondary danger', onclick: () => remove(screen, integration) }, 'Delete'))
    : null;

  return el('li', { class: 'card', 'data-integration': integration.id },
    el('h3', {}, el('span', { 'aria-hidden': 'true' }, icons[integration.type] ?? '•'), ' ', integration.name),
    el('p', { class: 'meta' },
      el('span', {}, integration.type),
      el('span', { class: integration.active ? 'badge ok' : 'badge' }, integration.active ? 'Active' : 'Inactive'),
      integration.weeklyReport ? el('span', { class: 'badge' }, 'Weekly Expiry Report') : null),
    routeSentence(integration),
    health(integration.health),
    actions, results);
}

// The last delivery attempt: OK / Error / Skipped with its time and reason, or Never used.
function health(last) {
  if (!last) return el('p', { class: 'health' }, el('span', { class: 'badge never' }, 'Never used'));
  return el('p', { class: 'health' },
    el('span', { class: `badge ${last.status}` }, healthLabels[last.status] ?? last.status),
    ` ${when(last.lastAttemptAt)} · ${last.outcome}`,
    last.reason ? el('span', { class: 'reason' }, ` · ${last.reason}`) : null);
}

function edit(screen, integration) {
  replace(screen.editor, integrationForm(screen.organizationId, screen.channels, screen.reload, integration));
  screen.editor.querySelector('input[name="name"]').focus();
}

async function setActive(screen, integration) {
  const path = organizationPath(screen.organizationId, `/integrations/${encodeURIComponent(integration.id)}`);
  // Secrets come back masked ({ set, hint }); a PUT without them keeps the stored values.
  const fields = Object.entries(integration).filter(([name, value]) => !['health', 'routeDescription'].includes(name) && !(value && typeof value === 'object' && 'set' in value));
  const answer = await call('PUT', path, { ...Object.fromEntries(fields), active: !integration.active }, { 'If-Match': integration.etag });
  if (answer.status === 412) return toast('Changed elsewhere: reload.', 'error');
  if (!answer.ok) return toast(answer.problem.detail ?? answer.problem.title, 'error');
  toast(`${integration.name} is ${integration.active ? 'inactive' : 'active'}.`, 'success');
  screen.reload();
}

async function remove(screen, integration) {
  if (!confirm(`Delete ${integration.name}? It stops receiving notifications at once.`)) return;
  const path = organizationPath(screen.organizationId, `/integrations/${encodeURIComponent(integration.id)}`);
  const answer = await call('DELETE', path, undefined, { 'If-Match': integration.etag });
  if (answer.status === 412) return toast('Changed elsewhere: reload.', 'error');
  if (!answer.ok) return toast(answer.problem.detail ?? answer.problem.title, 'error');
  toast(`${integration.name} deleted.`, 'success');
  screen.reload();
}

async function runTest(organizationId, integration, button, results) {
  if (integration.type === 'jira' && !confirm(`Testing ${integration.name} creates a real JIRA issue. Continue?`)) return;
  button.disabled = true;
  button.textContent = 'Testing...';
  try {
    const answer = await call('POST', organizationPath(organizationId, `/integrations/${encodeURIComponent(integration.id)}/test`));
    if (answer.status === 429) {
      toast(`Too many tests: try again in ${answer.retryAfter ?? 'a minute'} seconds.`, 'error');
    } else if (!answer.ok) {
      toast(answer.problem.detail ?? answer.problem.title, 'error');
    } else if (answer.body.success) {
      toast(`✅ ${integration.name}: test notification sent${answer.body.detail ? ` (${answer.body.detail})` : ''}.`, 'success');
    } else {
      toast(`❌ ${integration.name}: ${answer.body.error}`, 'error');
    }

    // An Email integration's Test reports each recipient: who got it and who did not, and why.
    const recipients = answer.ok ? answer.body.recipients ?? [] : [];
    results.hidden = recipients.length === 0;
    replace(results, recipients.map((r) => el('li', { class: r.success ? 'ok' : 'bad' }, `${r.success ? '✅' : '❌'} ${r.recipient}${r.error ? `: ${r.error}` : ''}`)));
  } finally {
    button.disabled = false;
    button.textContent = 'Test';
  }
}
