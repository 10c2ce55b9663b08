// The Users view: search with paging, a row per user (name, email, site, account, state, tickets, actions), and the
// user's panel beside the table: why the user is here (the mapping's explanation) and the user's tickets. Edits go
// through the user form (userform.js), which shows the fields the directory owns locked, with their owner.
import { api } from '../api.js';
import { $, el, replace, timeEl, plural, whenExactly } from '../dom.js';
import { openUserForm } from '../userform.js';
import { coded, DEACTIVATION, EXPLAIN } from '../reasons.js';

const PAGE = 25;
const view = { page: 0, sites: new Map() };
let app; // { guard, say, confirmDialog }

/** "Ann Berg", or "(no name)". */
function fullName(u) {
  return [u.firstName, u.lastName].filter(Boolean).join(' ') || '(no name)';
}

/** Loads the sites into the site filter (and the names the rows show). */
export async function loadSites() {
  const sites = await api.sites();
  view.sites = new Map(sites.map((s) => [s.id, s.name]));
  const select = $('#user-site');
  const current = select.value;
  replace(select, el('option', { value: '' }, 'All sites'), sites.map((s) => el('option', { value: s.id }, s.name)));
  select.value = current;
}

/** Whether the table shows users already (the view searches once when first shown). */
export const hasUsers = () => $('#users-table tbody').children.length > 0;

export async function searchUsers(event, page = 0) {
  if (event) {
    event.preventDefault();
    $('#explain').hidden = true; // it explained a user of the previous search
  }
  view.page = page;
  const params = { q: $('#user-q').value.trim(), site: $('#user-site').value, active: $('#user-active').value,
    size: PAGE, page };
  const answer = await api.users(params);
  const users = answer.content;
  if (users.some((u) => !view.sites.has(u.siteId))) await loadSites(); // a sync may have created sites
  const tbody = $('#users-table tbody');
  replace(tbody, users.length ? users.map(userRow) : el('tr', null, el('td.empty', { colspan: 7 }, 'No user matches.')));
  const total = answer.page ? answer.page.totalElements : users.length;
  const pages = answer.page ? answer.page.totalPages : 1;
  $('#users-count').textContent = total === 0 ? 'No users.' : pages > 1
    ? `Users ${page * PAGE + 1}–${page * PAGE + users.length} of ${total} (page ${page + 1} of ${pages}).`
    : `${plural(total, 'user')}.`;
  $('#users-prev').disabled = page === 0;
  $('#users-next').disabled = page + 1 >= pages;
  if (event) app.say(`${plural(total, 'user')} found.`);
  // the list answer counts each user's tickets (one query for the page), no request per row
  for (const u of users) {
    const cell = tbody.querySelector(`tr[data-user="${u.id}"] .tickets`);
    const t = u.tickets || { total: 0, open: 0 };
    replace(cell, String(t.total), t.open !== t.total ? el('span.muted', null, ` (${t.open} open)`) : null);
  }
}

const isOpen = (t) => t.status !== 'CLOSED' && t.status !== 'RESOLVED';

function userRow(u) {
  const name = fullName(u);
  const may = mayEdit();
  // the classes name the secondary columns a narrow window leaves out (admin.css): the row stays one screen wide
  return el('tr', { dataset: { user: u.id } },
    el('th', { scope: 'row' }, name, u.mainSiteUser ? el('span.tag', null, 'main') : null,
      u.jobTitle ? el('span.muted.block', null, u.jobTitle) : null,
      el('span.muted.block.narrow-only.email', null, u.email)),
    el('td.email.col-secondary', null, u.email),
    el('td.col-secondary', null, view.sites.get(u.siteId) || `#${u.siteId}`, u.tenant ? el('span.muted.block', null, u.tenant) : null),
    el('td.col-secondary', null, el(`span.badge.assoc-${String(u.association).toLowerCase()}`, {
      title: u.association === 'STRONG' ? 'Linked to a directory or admin-managed account' : 'Created from an email; not yet linked',
    }, u.association)),
    el('td', null, u.active ? el('span.badge.ok', null, 'active') : el('span.badge.bad', null, 'deactivated'),
      u.active ? null : el('span.muted.block.deactivation', {
        title: [u.deactivationReason, whenExactly(u.deactivatedAt)].filter(Boolean).join(' · ') || null,
        dataset: { code: u.deactivationReason || '' },
      }, deactivationText(u))),
    el('td.num.tickets.col-secondary', null, el('span.muted', null, '…')),
    el('td', null, el('div.row-actions', null,
      el('button.btn.btn-small', { type: 'button', 'aria-label': `Details of ${name}: why here, tickets`,
        dataset: { action: 'explain' }, onclick: () => app.guard(() => openUser(u)) }, 'Details'),
      el('button.btn.btn-small', { type: 'button', 'aria-label': `${may ? 'Edit' : 'View'} ${name}`,
        dataset: { action: 'edit' }, onclick: () => app.guard(() => editUser(u)) }, may ? 'Edit' : 'View'),
      !may ? null : u.active
        ? el('button.btn.btn-small.btn-danger-ghost', { type: 'button', 'aria-label': `Deactivate ${name}`, dataset: { action: 'deactivate' },
          onclick: () => app.guard(() => setActive(u, false)) }, 'Deactivate')
        : el('button.btn.btn-small', { type: 'button', 'aria-label': `Activate ${name}`, dataset: { action: 'activate' },
          onclick: () => app.guard(() => setActive(u, true)) }, 'Activate'))));
}

/** Who deactivated the account: an admin (no sync undoes it) or a sync, and why (the code in the tooltip). */
function deactivationText(u) {
  if (u.deactivationReason === 'MANUAL') return DEACTIVATION.MANUAL;
  const why = DEACTIVATION[u.deactivationReason];
  return why ? `by the sync: ${why}` : 'reason not recorded';
}

async function setActive(u, active) {
  const name = fullName(u);
  if (!active) {
    const ok = await app.confirmDialog(`Deactivate ${name}?`,
      `${u.email} will no longer be able to open tickets. Existing tickets stay as they are.`
      + (u.tenant ? ` Syncs of ${u.tenant} leave it deactivated until an admin activates it again.` : '')
      + (u.mainSiteUser ? ' It stops being the main site user: the site has no main user until you choose one.' : ''),
      'Deactivate');
    if (!ok) return;
  }
  const answer = await (active ? api.activate(u.id) : api.deactivate(u.id));
  app.say(`${name} ${active ? 'activated' : 'deactivated'}.${demotedText(answer)}`, 'ok');
  await searchUsers(null, view.page);
}

/** " Claire Doe (claire@x.org) is no longer the main site user." when a change demoted someone; else "". */
function demotedText(answer) {
  const d = answer && answer.demoted;
  if (!d) return '';
  const who = d.name ? `${d.name} (${d.email})` : d.email;
  return d.id === answer.id ? ` ${who} is no longer the main site user.`
    : ` ${who} is no longer the main site user: ${fullName(answer)} replaces them.`;
}

/** Opens the form for {@code u} (null: a new user); the form loads the user again for its owned fields. */
async function editUser(u) {
  const saved = await openUserForm(u ? await api.user(u.id) : null, { readOnly: !mayEdit() });
  if (!saved) return;
  app.say(`${fullName(saved)} ${u ? 'saved' : 'created'}.${demotedText(saved)}`, 'ok');
  if (!u) $('#user-q').value = saved.email;
  await loadSites();
  await searchUsers(null, u ? view.page : 0);
}

const DECISIONS = [['scope', 'Scope'], ['site', 'Site'], ['department', 'Department'], ['mainSiteUser', 'Main site user'], ['tickets', 'Tickets']];

/** The user's panel: why the user is here, then the user's tickets. */
async function openUser(u) {
  const [x, tickets] = await Promise.all([api.explain(u.id), api.tickets(u.id)]);
  const rules = x.rules ? el('dl.facts.decisions', null, DECISIONS.filter(([k]) => x.rules[k]).map(([k, label]) => [
    el('dt', null, label),
    el('dd', null, x.rules[k].text,
      x.rules[k].rule && !x.rules[k].text.includes(x.rules[k].rule) ? [' ', el('code.rule', null, x.rules[k].rule)] : null),
  ])) : null;
  replace($('#explain-body'),
    el('p', null, el('strong', null, fullName(u)), el('span.muted.block', null, u.email)),
    el('p', null, coded(EXPLAIN, x.outcome, `span.badge.outcome-${String(x.outcome).toLowerCase()}`),
      x.tenant ? [' tenant ', el('code', null, x.tenant)] : null),
    x.reason ? el('p.reason', null, x.reason) : null,
    rules,
    x.groups && x.groups.length ? [el('h3', null, 'Directory groups (incl. nested)'),
      el('ul.chips', null, x.groups.map((g) => el('li.chip', null, g)))] : null,
    ticketsBlock(tickets));
  $('#explain').hidden = false;
  $('#explain-title').focus();
}

/** The user's tickets, newest first: subject, status, source, opened. */
function ticketsBlock(tickets) {
  const open = tickets.filter(isOpen).length;
  const sorted = [...tickets].sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)));
  return el('section.user-tickets', { 'aria-labelledby': 'user-tickets-title' },
    el('h3', { id: 'user-tickets-title' }, 'Tickets ', el('span.muted', null,
      tickets.length ? `(${tickets.length}, ${open} open)` : '(none)')),
    tickets.length ? el('ul.plain-list', { id: 'user-tickets' }, sorted.map((t) => el('li', { dataset: { ticket: t.id } },
      el('strong', null, `#${t.id} `), t.subject || el('span.muted', null, '(no subject)'),
      el('span.muted.block', null, el(`span.badge${isOpen(t) ? '.warn' : ''}`, null, String(t.status).toLowerCase()),
        ' ', String(t.source || '').toLowerCase(), ' · opened ', timeEl(t.createdAt)))))
      : el('p.muted', { id: 'user-tickets' }, 'This user has no tickets.'));
}

/** Whether the caller may edit users (Operator or above; the admin token is Admin). */
function mayEdit() {
  return app.mayOperate();
}

/** Wires the view's controls once; {@code context}: guard, say, confirmDialog, mayOperate. */
export function initUsers(context) {
  app = context;
  $('#user-search').addEventListener('submit', (e) => app.guard(() => searchUsers(e)));
  $('#explain-close').addEventListener('click', () => { $('#explain').hidden = true; });
  $('#user-new').addEventListener('click', () => app.guard(() => editUser(null)));
  $('#users-prev').addEventListener('click', () => app.guard(() => searchUsers(null, Math.max(0, view.page - 1))));
  $('#users-next').addEventListener('click', () => app.guard(() => searchUsers(null, view.page + 1)));
}

/** Shows or hides what a Reader may not do (the New user button); rows follow on their next render. */
export function showUserRights() {
  $('#user-new').hidden = !mayEdit();
}
