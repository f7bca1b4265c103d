// The Route section of the integration form: which alerts the integration takes. Everything left empty sends no route,
// so the integration takes every alert (the spec's behaviour). The sentence on each card comes from the API
// (routeDescription): the console keeps no routing rules of its own.
import { el } from './dom.js';

export const alertKinds = [
  ['incident', 'Incidents'],
  ['certificate_expiry', 'Certificate expiry'],
  ['rotation_failure', 'Rotation failures'],
  ['resolved', 'Resolved notices'],
];

export const severities = ['low', 'medium', 'high', 'critical'];

/**
 * The Route fieldset, filled from `stored` (an integration's route when editing), and a value() that
 * reads it as the API's route object: undefined when nothing narrows it on a new integration (no route), {} when an
 * edit empties a stored route (which clears it; an omitted route keeps the stored one).
 */
export function routeEditor(stored = null) {
  const patterns = (name, label, help) => el('label', {}, label,
    el('textarea', { name, 'data-field': `route.${name}`, rows: 2, placeholder: help }, (stored?.[name] ?? []).join('\n')),
    el('small', { class: 'hint' }, 'One pattern per line; * matches anything, case is ignored.'));
  const node = el('fieldset', { class: 'fields', 'data-field': 'route' },
    el('legend', {}, 'Route (optional: which alerts this integration takes)'),
    el('div', { role: 'group', 'aria-label': 'Alert kinds', 'data-field': 'route.kinds' },
      alertKinds.map(([value, label]) => el('label', { class: 'check' },
        el('input', { type: 'checkbox', name: 'routeKind', value, checked: stored?.kinds?.includes(value) }), label))),
    el('label', {}, 'Minimum severity',
      el('select', { name: 'minSeverity', 'data-field': 'route.minSeverity' },
        el('option', { value: '' }, 'Any severity'), severities.map((s) => el('option', { value: s, selected: s === stored?.minSeverity }, s)))),
    patterns('include', 'Only resources matching', 'prod-*'),
    patterns('exclude', 'Except resources matching', '*-test'));

  const lines = (name) => node.querySelector(`[name="${name}"]`).value.split('\n').map((p) => p.trim()).filter(Boolean);
  const value = () => {
    const route = {
      kinds: [...node.querySelectorAll('[name="routeKind"]:checked')].map((c) => c.value),
      minSeverity: node.querySelector('[name="minSeverity"]').value || null,
      include: lines('include'),
      exclude: lines('exclude'),
    };
    const narrows = route.kinds.length || route.minSeverity || route.include.length || route.exclude.length;
    return narrows ? route : stored ? {} : undefined;
  };
  return { node, value };
}

/** The route in words on an integration's card, as the API says it. */
export const routeSentence = (integration) => el('p', { class: 'hint route' }, integration.routeDescription);
