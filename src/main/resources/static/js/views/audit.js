// The audit trail view (Admin): every mutating API call, every refused one and every decision on a held tenant's
// plan, with who made it (for an edit, each changed field before → after), newest first; filters, paging and a CSV
// export of what the filters match.
import { api, token, ApiError, query } from '../api.js';
import { $, el, replace, timeEl, showPage, startOfDay } from '../dom.js';

const view = { page: 0 };
const SIZE = 50;

/** The filters as the API takes them (empty ones left out by the API client). */
function filters() {
  return {
    actor: $('#audit-actor').value.trim(),
    action: $('#audit-action').value.trim(),
    target: $('#audit-target').value.trim(),
    // the days chosen are days of the browser's zone, as the times shown: sent as the instants they start
    from: startOfDay($('#audit-from').value),
    to: startOfDay($('#audit-to').value),
  };
}

/**
 * Whether the caller may read the trail (Admin): the view's nav entry is shown only then. Answers false for a 403;
 * other errors are raised.
 */
export async function mayAudit() {
  try {
    await api.audit({ size: 1 });
    return true;
  } catch (e) {
    if (e instanceof ApiError && e.status === 403) return false;
    throw e;
  }
}

/** Loads one page of events matching the filters. */
export async function loadAudit(page = view.page) {
  const params = filters();
  const answer = await api.audit({ ...params, page, size: SIZE });
  view.page = page;
  const rows = answer.content || [];
  replace($('#audit-table tbody'), rows.length ? rows.map(row)
    : el('tr', null, el('td.empty', { colspan: 5 }, 'No events match these filters.')));
  showPage('audit', answer, 'event');
  $('#audit-csv').href = `/api/audit.csv${query(params)}`;
}

/** The actor's kind, and its id when that says more than its name (a person's oid, a key's id). */
function actorDetail(actor) {
  const id = actor.id && actor.id !== actor.name && actor.id !== actor.kind ? ` · ${actor.id}` : '';
  return `${actor.kind}${id}`;
}

/** What an edit changed, one line per field: "jobTitle: Clerk → Boss" (text nodes only). */
function changes(e) {
  return (e.changes || []).map((c) => el('div.muted.change', null,
    `${c.field}: ${c.before ?? '(none)'} → ${c.after ?? '(none)'}`));
}

function row(e) {
  const refused = e.status === 401 || e.status === 403 || e.status === 429;
  return el('tr', { dataset: { event: e.id } },
    el('td', null, timeEl(e.at)),
    el('td', null, e.actor.name || e.actor.id, el('div.muted', null, actorDetail(e.actor))),
    el('td', null, el('code', null, e.action)),
    el('td', null, e.target || el('span.muted', null, '—'), changes(e)),
    el('td.num', null, el(`span.badge${refused ? '.warn' : ''}`, null, String(e.status))));
}

/**
 * The CSV export: a plain link for a session, fetched with the bearer token when the page holds one (a link
 * cannot send it), then saved from a blob.
 */
async function exportCsv(event) {
  const bearer = token.get();
  if (!bearer) return; // the link itself downloads the file
  event.preventDefault();
  const response = await fetch($('#audit-csv').href, {
    headers: { Authorization: `Bearer ${bearer}`, Accept: 'text/csv' }, cache: 'no-store', credentials: 'omit',
  });
  if (!response.ok) throw new ApiError(response.status, null);
  const url = URL.createObjectURL(await response.blob());
  const save = el('a', { href: url, download: 'entra-sync-audit.csv', hidden: true });
  document.body.append(save);
  save.click();
  save.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Wires the view's controls once; {@code guard} reports errors. */
export function initAudit(guard) {
  $('#audit-filters').addEventListener('submit', (e) => {
    e.preventDefault();
    guard(() => loadAudit(0));
  });
  $('#audit-prev').addEventListener('click', () => guard(() => loadAudit(Math.max(0, view.page - 1))));
  $('#audit-next').addEventListener('click', () => guard(() => loadAudit(view.page + 1)));
  $('#audit-csv').addEventListener('click', (e) => guard(() => exportCsv(e)));
}
