// "Who gets this?": a sample alert (kind, severity, resource name) and, from POST routing/explain, every target in
// delivery order with whether it would receive it and, if not, the rule that keeps it out. The answer is the delivery
// plan's own decision, so the console only shows it.
import { call, organizationPath } from './api.js';
import { el, replace, showProblem, toast } from './dom.js';
import { alertKinds, severities } from './route-editor.js';

export function whoGetsThisPanel(organizationId) {
  const answer = el('ul', { class: 'explain', 'aria-label': 'Who gets this answer', 'aria-live': 'polite' });
  const form = el('form', { class: 'form', novalidate: true, 'aria-label': 'Who gets this?' },
    el('h3', {}, 'Who gets this?'),
    el('label', {}, 'Alert kind', el('select', { name: 'kind', 'data-field': 'kind' }, alertKinds.map(([value, label]) => el('option', { value }, label)))),
    el('label', {}, 'Severity', el('select', { name: 'severity', 'data-field': 'severity' }, severities.map((s) => el('option', { value: s, selected: s === 'high' }, s)))),
    el('label', {}, 'Resource name', el('input', { name: 'resourceName', 'data-field': 'resourceName', required: true, maxlength: 200, placeholder: 'prod-db' })),
    el('button', { type: 'submit' }, 'Explain'),
    answer);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const kind = form.elements.kind.value;
    const result = await call('POST', organizationPath(organizationId, '/routing/explain'), {
      kind, severity: kind === 'resolved' ? undefined : form.elements.severity.value, resourceName: form.elements.resourceName.value,
    });
    if (!result.ok) return toast(showProblem(form, result.problem), 'error');
    showProblem(form, null);
    replace(answer, result.body.targets.length === 0
      ? el('li', {}, 'Nobody: there are no recipients, contacts or integrations.')
      : result.body.targets.map((target) => el('li', { 'data-target': target.target, class: target.receives ? 'receives' : 'excluded' },
        el('span', { 'aria-hidden': 'true' }, target.receives ? '✅ ' : '🚫 '),
        `${target.targetName} (${target.channel}): `,
        target.receives ? 'receives it' : `not sent: ${target.reason}`)));
  });
  return form;
}
