// Notifications: the email transport indicator and one card per integration, with its Test action.
import { call, organizationPath } from './api.js';
import { el, replace, toast, state } from './dom.js';
import { addIntegrationForm } from './integration-form.js';
import { routeSentence } from './route-editor.js';
import { whoGetsThisPanel } from './routing-explain.js';

const icons = { jira: '🎫', teams: '👥', slack: '💬', webhook: '🔗', email: '📧' };

export async function render(main, organizationId, access) {
  replace(main, el('h2', {}, 'Notifications'), state('Loading…', 'loading'));
  const [email, integrations] = await Promise.all([
    call('GET', 'email/status'),
    call('GET', organizationPath(organizationId, '/integrations')),
  ]);
  if (!integrations.ok) {
    replace(main, el('h2', {}, 'Notifications'), state(integrations.problem.detail ?? integrations.problem.title, 'error'));
    return;
  }

  const cards = integrations.body.length === 0
    ? state('No integrations yet: nothing but the legacy recipients and incident contacts is notified.')
    : el('ul', { class: 'cards' }, integrations.body.map((integration) => card(organizationId, integration, access, () => render(main, organizationId, access))));
  const reload = () => render(main, organizationId, access);
  replace(main, el('h2', {}, 'Notifications'), emailIndicator(email), cards, whoGetsThisPanel(organizationId),
    access.canConfigure ? await addIntegrationForm(organizationId, reload) : null);
}

function emailIndicator(email) {
  if (!email.ok) return state(email.problem.detail ?? email.problem.title, 'error');
  const status = email.body;
  return el('section', { class: `indicator ${status.usable ? 'ok' : 'bad'}`, 'aria-label': 'Email transport' },
    el('p', {}, status.indicator),
    status.usable ? null : el('p', { class: 'hint' }, status.problems.length ? status.problems.join(' ') : 'Email notifications are disabled.'));
}

function card(organizationId, integration, access, reload) {
  const testButton = el('button', { type: 'button', class: 'test' }, 'Test');
  testButton.addEventListener('click', () => runTest(organizationId, integration, testButton));
  const activeButton = el('button', { type: 'button' }, integration.active ? 'Deactivate' : 'Activate');
  activeButton.addEventListener('click', async () => {
    const read = await call('GET', organizationPath(organizationId, `/integrations/${encodeURIComponent(integration.id)}`));
    if (!read.ok) return toast(read.problem.detail ?? read.problem.title, 'error');
    // Secrets come back masked ({ set, hint }); a PUT without them keeps the stored values.
    const fields = Object.entries(read.body).filter(([, value]) => !(value && typeof value === 'object' && 'set' in value));
    const answer = await call('PUT', organizationPath(organizationId, `/integrations/${encodeURIComponent(integration.id)}`),
      { ...Object.fromEntries(fields), active: !integration.active }, { 'If-Match': integration.etag });
    if (answer.status === 412) return toast('Changed elsewhere: reload.', 'error');
    if (!answer.ok) return toast(answer.problem.detail ?? answer.problem.title, 'error');
    toast(`${integration.name} is ${integration.active ? 'inactive' : 'active'}.`, 'success');
    reload();
  });

  return el('li', { class: 'card', 'data-integration': integration.id },
    el('h3', {}, el('span', { 'aria-hidden': 'true' }, icons[integration.type] ?? '•'), ' ', integration.name),
    el('p', { class: 'meta' },
      el('span', {}, integration.type),
      el('span', { class: integration.active ? 'badge ok' : 'badge' }, integration.active ? 'Active' : 'Inactive'),
      integration.weeklyReport ? el('span', { class: 'badge' }, 'Weekly Expiry Report') : null),
    routeSentence(integration),
    access.canConfigure ? el('div', { class: 'actions' }, testButton, activeButton) : null);
}

async function runTest(organizationId, integration, button) {
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
  } finally {
    button.disabled = false;
    button.textContent = 'Test';
  }
}
