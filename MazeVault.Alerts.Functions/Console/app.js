// The console's shell: the organization and optional API key, and the screen the location hash names.
import { apiKey, setApiKey, call } from './api.js';
import { el, state, replace } from './dom.js';
import * as notifications from './notifications.js';
import * as incidentResponse from './incident-response.js';
import * as weeklyReport from './weekly-report.js';
import * as deliveries from './deliveries.js';
import * as snoozes from './snoozes.js';

const screens = { notifications, 'incident-response': incidentResponse, 'weekly-report': weeklyReport, deliveries, snoozes };
const organizationStorage = 'mazevault.organization';

function currentScreen() {
  const name = location.hash.replace(/^#\//, '');
  return screens[name] ? name : 'notifications';
}

async function show() {
  // Each showing renders into a view of its own: one still loading when the operator opens another screen or
  // organization (the first load racing Open) then writes into a view no longer on the page, not over the newer one.
  const main = el('div');
  document.getElementById('main').replaceChildren(main);
  const name = currentScreen();
  for (const link of document.querySelectorAll('nav.tabs a')) {
    if (link.dataset.screen === name) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }

  const me = await call('GET', 'access/me');
  if (me.status === 401) {
    replace(main, state(me.problem.detail ?? 'Sign in to continue.', 'error'),
      el('p', {}, el('a', { href: `../../.auth/login/aad?post_login_redirect_uri=${encodeURIComponent(location.pathname)}` }, 'Sign in with Entra ID'),
        ' or type an API key above.'));
    return;
  }

  if (!me.ok) {
    replace(main, state(me.problem.detail ?? me.problem.title, 'error'));
    return;
  }

  listOrganizations(me.body);
  const organizationId = localStorage.getItem(organizationStorage);
  if (!organizationId) {
    replace(main, state('Type or pick an organization above and press Open.'));
    return;
  }

  // Controls that change configuration show only where the caller's role allows them; the API decides either way.
  const role = me.body.platformAdmin ? 'admin' : me.body.organizations.find((o) => o.organizationId === organizationId)?.role ?? null;
  await screens[name].render(main, organizationId, { role, canConfigure: role === 'admin' });
}

function listOrganizations(profile) {
  replace(document.getElementById('organizations'), profile.organizations.map((o) => el('option', { value: o.organizationId }, o.role ?? '')));
}

document.addEventListener('DOMContentLoaded', () => {
  const form = document.getElementById('context');
  form.organization.value = localStorage.getItem(organizationStorage) ?? '';
  form.apiKey.value = apiKey();
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    localStorage.setItem(organizationStorage, form.organization.value.trim());
    setApiKey(form.apiKey.value.trim());
    show();
  });
  window.addEventListener('hashchange', show);
  show();
});
