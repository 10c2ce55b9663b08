// The REST API of entra-sync, called either in the signed-in session (cookie; writes carry the CSRF token the
// server set in the XSRF-TOKEN cookie, as the X-XSRF-TOKEN header) or with the admin token kept in sessionStorage
// (this tab only; a bearer credential needs no CSRF token).

const KEY = 'entra-sync.admin-token';

/** Raised for a 401: the token is missing, wrong or was rotated. */
export class Unauthorized extends Error {}

/** Raised for any other non-2xx answer; carries the RFC 9457 problem detail when there is one. */
export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export const token = {
  get: () => sessionStorage.getItem(KEY),
  set: (value) => sessionStorage.setItem(KEY, value),
  clear: () => sessionStorage.removeItem(KEY),
};

const SAFE = ['GET', 'HEAD'];

/** The CSRF token the server set for this session (a cookie scripts may read, echoed as a header). */
function csrfToken() {
  const found = document.cookie.split(';').map((c) => c.trim()).find((c) => c.startsWith('XSRF-TOKEN='));
  return found ? decodeURIComponent(found.slice('XSRF-TOKEN='.length)) : null;
}

/** {@code rawType}: send {@code body} (a File or Blob) as it is, with that Content-Type, instead of as JSON. */
async function call(method, path, body, bearer = token.get(), rawType = undefined) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  else if (!SAFE.includes(method) && csrfToken()) headers['X-XSRF-TOKEN'] = csrfToken();
  // the session cookie goes only with calls that carry no bearer token
  const init = { method, headers, cache: 'no-store', credentials: bearer ? 'omit' : 'same-origin' };
  if (body !== undefined && rawType) {
    headers['Content-Type'] = rawType;
    init.body = body;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  if (response.status === 401) throw new Unauthorized(bearer ? 'The admin token was not accepted.' : 'Not signed in.');
  const text = await response.text();
  let json = null;
  if (text) {
    try { json = JSON.parse(text); } catch (e) { json = null; }
  }
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

/** A query string of the given parameters, leaving out empty ones: "?a=1&b=x", or "" for none. */
export const query = (params) => {
  const search = new URLSearchParams();
  Object.entries(params).forEach(([k, v]) => { if (v !== undefined && v !== null && v !== '') search.set(k, v); });
  const s = search.toString();
  return s ? `?${s}` : '';
};
const seg = encodeURIComponent;

/** Who is signed in on this page's session, whether "Sign in" is offered, whether the admin token works. */
export async function sessionInfo() {
  const response = await fetch('/auth/session', { cache: 'no-store', credentials: 'same-origin' });
  if (!response.ok) return { user: null, signIn: null, adminToken: true };
  return response.json();
}

/** Ends the signed-in session (the cookie is dropped by the server). */
export async function endSession() {
  const headers = {};
  if (csrfToken()) headers['X-XSRF-TOKEN'] = csrfToken();
  await fetch('/logout', { method: 'POST', headers, cache: 'no-store', credentials: 'same-origin' });
}

export const api = {
  /** Checks a token before keeping it. */
  probe: (candidate) => call('GET', '/api/tenants?size=1', undefined, candidate),
  tenants: (params) => call('GET', `/api/tenants${query(params)}`),
  sync: (tenant, mode, dryRun) => call('POST', `/api/tenants/${seg(tenant)}/sync`, { mode, dryRun }),
  runs: (tenant, limit = 20) => call('GET', `/api/sync-runs${query({ tenant, limit })}`),
  failedRuns: (limit = 10) => call('GET', `/api/sync-runs${query({ status: 'FAILED', limit })}`),
  tenant: (key) => call('GET', `/api/tenants/${seg(key)}`),
  run: (id) => call('GET', `/api/sync-runs/${seg(id)}`),
  changes: (id, kind, page = 0, size = 100) => call('GET', `/api/sync-runs/${seg(id)}/changes${query({ kind, page, size })}`),
  approve: (id) => call('POST', `/api/sync-runs/${seg(id)}/approve`),
  check: (tenant) => call('POST', `/api/tenants/${seg(tenant)}/check`),
  reject: (id) => call('POST', `/api/sync-runs/${seg(id)}/reject`),
  releaseHold: (tenant) => call('POST', `/api/tenants/${seg(tenant)}/hold/release`),
  sites: () => call('GET', '/api/sites'),
  createSite: (body) => call('POST', '/api/sites', body),
  patchSite: (id, body) => call('PATCH', `/api/sites/${seg(id)}`, body),
  renameDepartment: (id, name) => call('PATCH', `/api/departments/${seg(id)}`, { name }),
  deleteDepartment: (id) => call('DELETE', `/api/departments/${seg(id)}`),
  settings: () => call('GET', '/api/settings'),
  putSettings: (body) => call('PUT', '/api/settings', body),
  importCsv: (file) => call('POST', '/api/import', file, undefined, 'text/csv'),
  user: (id) => call('GET', `/api/users/${seg(id)}`),
  createUser: (body) => call('POST', '/api/users', body),
  patchUser: (id, body) => call('PATCH', `/api/users/${seg(id)}`, body),
  departments: () => call('GET', '/api/departments'),
  users: (params) => call('GET', `/api/users${query(params)}`),
  tickets: (id) => call('GET', `/api/users/${seg(id)}/tickets`),
  explain: (id) => call('GET', `/api/users/${seg(id)}/explain`),
  deactivate: (id) => call('POST', `/api/users/${seg(id)}/deactivate`),
  activate: (id) => call('POST', `/api/users/${seg(id)}/activate`),
  inboundEmail: (params) => call('GET', `/api/inbound-email${query(params)}`),
  inboundMessage: (id) => call('GET', `/api/inbound-email/${seg(id)}`),
  audit: (params) => call('GET', `/api/audit${query(params)}`),
  assignInboundEmail: (id, siteId) => call('POST', `/api/inbound-email/${seg(id)}/assign`, { siteId }),
  alerts: (params) => call('GET', `/api/alerts${query(params)}`),
  connect: (tenant, template) => call('POST', '/api/tenants/connect', { tenant, template }),
  connection: (id) => call('GET', `/api/tenants/connect/${seg(id)}`),
  connectionGroups: (id, q) => call('GET', `/api/tenants/connect/${seg(id)}/groups${query({ q })}`),
  pickConnectionGroups: (id, body) => call('PUT', `/api/tenants/connect/${seg(id)}/groups`, body),
};
