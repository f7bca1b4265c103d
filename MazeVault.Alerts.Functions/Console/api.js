// Calls the MazeVault Alerts API of the app that served this page, as the signed-in person (the platform's session
// cookie) or with the API key the operator typed (kept for this tab only). Every answer comes back as
// { ok, status, body, problem } so screens show problem+json details and field errors without a try/catch each.
const keyStorage = 'mazevault.apiKey';
const base = new URL('../', document.baseURI);

export function apiKey() {
  return sessionStorage.getItem(keyStorage) ?? '';
}

export function setApiKey(value) {
  if (value) sessionStorage.setItem(keyStorage, value);
  else sessionStorage.removeItem(keyStorage);
}

export async function call(method, path, body, headers = {}) {
  const request = { method, headers: { Accept: 'application/json', ...headers }, credentials: 'same-origin' };
  if (apiKey()) request.headers['X-Api-Key'] = apiKey();
  if (body !== undefined) {
    request.headers['Content-Type'] = 'application/json';
    request.body = JSON.stringify(body);
  }

  let response;
  try {
    response = await fetch(new URL(path, base), request);
  } catch {
    return { ok: false, status: 0, body: null, problem: { title: 'The app could not be reached.', detail: 'Check your connection and try again.' } };
  }

  const text = await response.text();
  const parsed = text ? safeJson(text) : null;
  const isProblem = (response.headers.get('Content-Type') ?? '').startsWith('application/problem+json');
  return {
    ok: response.ok,
    status: response.status,
    etag: response.headers.get('ETag'),
    retryAfter: response.headers.get('Retry-After'),
    body: isProblem ? null : parsed,
    problem: response.ok ? null : (isProblem && parsed ? parsed : { title: `The request failed (${response.status}).`, detail: text.slice(0, 200) }),
  };
}

export const organizationPath = (organizationId, rest = '') =>
  `organizations/${encodeURIComponent(organizationId)}${rest}`;

function safeJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
