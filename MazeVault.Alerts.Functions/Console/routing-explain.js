// "Who gets this?": a sample alert (kind, severity, resource name) and, from POST routing/explain, every target in
// delivery order with whether it would receive it and, if not, the rule that keeps it out. The answer is the delivery
// plan's own decision, so the console only shows it.
import { call, organizationPath } from './api.js';
import { el, replace, showProblem, toast } from './dom.js';
import { alertKinds, severities } from './route-editor.js';

export function whoGetsThisPanel(organizationId) {
  const answer = el('ul', { class: 'explain', 'aria-label': 'Who gets this answer', 'aria-live': 'polite' });
  // No button: the answer follows the sample as it is typed (Enter asks at once). Asking changes nothing, so the
  // panel is there for readers too, whose screens show no button.
  const form = el('form', { class: 'form', novalidate: true, 'aria-label': 'Who gets this?' },
    el('h3', {}, 'Who gets this?'),
    el('label', {}, 'Alert kind', el('select', { name: 'kind', 'data-field': 'kind' }, alertKinds.map(([value, label]) => el('option', { value }, label)))),
    el('label', {}, 'Severity', el('select', { name: 'severity', 'data-field': 'severity' }, severities.map((s) => el('option', { value: s, selected: s === 'high' }, s)))),
    el('label', {}, 'Resource name', el('input', { name: 'resourceName', 'data-field': 'resourceName', maxlength: 200, placeholder: 'prod-db' })),
    answer);
  let asked = 0;
  let timer;
  const ask = async () => {
    const resourceName = form.elements.resourceName.value;
    const kind = form.elements.kind.value;
    const question = ++asked;
    if (resourceName.trim() === '') return replace(answer);
    const result = await call('POST', organizationPath(organizationId, '/routing/explain'),
      { kind, severity: kind === 'resolved' ? undefined : form.elements.severity.value, resourceName });
    // An answer to an earlier sample that arrives late is not shown over the latest one.
    if (question !== asked) return undefined;
    if (!result.ok) return toast(showProblem(form, result.problem), 'error');
    showProblem(form, null);
    return replace(answer, result.body.targets.length === 0
      ? el('li', {}, 'Nobody: there are no recipients, contacts or integrations.')
      : result.body.targets.map((target) => el('li', { 'data-target': target.target, class: target.receives ? 'receives' : 'excluded' },
        el('span', { 'aria-hidden': 'true' }, target.receives ? '✅ ' : '🚫 '),
        `${target.targetName} (${target.channel}): `,
        target.receives ? 'receives it' : `not sent: ${target.reason}`)));
  };
  const soon = () => {
    clearTimeout(timer);
    timer = setTimeout(ask, 300);
  };
  form.addEventListener('input', soon);
  form.addEventListener('change', soon);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(timer);
    ask();
  });
  return form;
}
