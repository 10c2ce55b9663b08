// The REST API of entra-sync, called with the admin token kept in sessionStorage (this tab only).

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

/** {@code rawType}: send {@code body} (a File or Blob) as it is, with that Content-Type, instead of as JSON. */
async function call(method, path, body, bearer = token.get(), rawType = undefined) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  const init = { method, headers, cache: 'no-store', credentials: 'omit' };
  if (body !== undefined && rawType) {
    headers['Content-Type'] = rawType;
    init.body = body;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  if (response.status === 401) throw new Unauthorized('The admin token was not accepted.');
  const text = await response.text();
  let json = null;
  if (text) {
    try { json = JSON.parse(text); } catch (e) { json = null; }
  }
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

const q = (params) => {
  const search = new URLSearchParams();
  Object.entries(params).forEach(([k, v]) => { if (v !== undefined && v !== null && v !== '') search.set(k, v); });
  const s = search.toString();
  return s ? `?${s}` : '';
};
const seg = encodeURIComponent;

export const api = {
  /** Checks a token before keeping it. */
  probe: (candidate) => call('GET', '/api/tenants?size=1', undefined, candidate),
  tenants: (query = '') => call('GET', `/api/tenants${query}`),
  sync: (tenant, mode, dryRun) => call('POST', `/api/tenants/${seg(tenant)}/sync`, { mode, dryRun }),
  runs: (tenant, limit = 20) => call('GET', `/api/sync-runs${q({ tenant, limit })}`),
  failedRuns: (limit = 10) => call('GET', `/api/sync-runs${q({ status: 'FAILED', limit })}`),
  tenant: (key) => call('GET', `/api/tenants/${seg(key)}`),
  run: (id) => call('GET', `/api/sync-runs/${seg(id)}`),
  changes: (id, kind, page = 0, size = 100) => call('GET', `/api/sync-runs/${seg(id)}/changes${q({ kind, page, size })}`),
  approve: (id) => call('POST', `/api/sync-runs/${seg(id)}/approve`),
  check: (tenant) => call('POST', `/api/tenants/${seg(tenant)}/check`),
  reject: (id) => call('POST', `/api/sync-runs/${seg(id)}/reject`),
  releaseHold: (tenant) => call('POST', `/api/tenants/${seg(tenant)}/hold/release`),
  sites: () => call('GET', '/api/sites'),
  createSite: (body) => call('POST', '/api/sites', body),
  settings: () => call('GET', '/api/settings'),
  putSettings: (body) => call('PUT', '/api/settings', body),
  importCsv: (file) => call('POST', '/api/import', file, undefined, 'text/csv'),
  user: (id) => call('GET', `/api/users/${seg(id)}`),
  createUser: (body) => call('POST', '/api/users', body),
  patchUser: (id, body) => call('PATCH', `/api/users/${seg(id)}`, body),
  departments: () => call('GET', '/api/departments'),
  users: (params) => call('GET', `/api/users${q(params)}`),
  tickets: (id) => call('GET', `/api/users/${seg(id)}/tickets`),
  explain: (id) => call('GET', `/api/users/${seg(id)}/explain`),
  deactivate: (id) => call('POST', `/api/users/${seg(id)}/deactivate`),
  activate: (id) => call('POST', `/api/users/${seg(id)}/activate`),
  inboundEmail: (params) => call('GET', `/api/inbound-email${q(params)}`),
  inboundMessage: (id) => call('GET', `/api/inbound-email/${seg(id)}`),
  assignInboundEmail: (id, siteId) => call('POST', `/api/inbound-email/${seg(id)}/assign`, { siteId }),
};
