// The console's shell: the organization and optional API key, and the screen the location hash names.
import { apiKey, setApiKey } from './api.js';
import { state, replace } from './dom.js';
import * as notifications from './notifications.js';
import * as incidentResponse from './incident-response.js';
import * as weeklyReport from './weekly-report.js';
import * as deliveries from './deliveries.js';

const screens = { notifications, 'incident-response': incidentResponse, 'weekly-report': weeklyReport, deliveries };
const organizationStorage = 'mazevault.organization';

function currentScreen() {
  const name = location.hash.replace(/^#\//, '');
  return screens[name] ? name : 'notifications';
}

async function show() {
  const main = document.getElementById('main');
  const name = currentScreen();
  for (const link of document.querySelectorAll('nav.tabs a')) {
    if (link.dataset.screen === name) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }

  const organizationId = localStorage.getItem(organizationStorage);
  if (!organizationId) {
    replace(main, state('Type an organization id above and press Open.'));
    return;
  }

  await screens[name].render(main, organizationId);
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
