// entra-sync admin page: sign-in, navigation, runs, run detail with approval, users. Plain ES module, no framework.
// The Tenants view (the fleet) lives in views/tenants.js, the inbound mail view in views/inbound.js, connecting a
// customer (#connect/<id>) in views/connect.js.
import { api, token, Unauthorized, ApiError, sessionInfo, endSession } from './api.js';
import { $, el, replace, timeEl, duration, statusBadge, COUNT_KEYS, plural } from './dom.js';
import { openUserForm } from './userform.js';
import { loadDirectory, createSite, saveSettings, importCsv } from './directory.js';
import { loadInbound, initInbound } from './views/inbound.js';
import { loadAudit, initAudit, mayAudit } from './views/audit.js';
import { loadAlerts } from './views/alerts.js';
import { loadTenants, initTenants } from './views/tenants.js';
import { loadConnect, initConnect, allowConnect } from './views/connect.js';
import { approvalRule, actorText, decisionsText } from './hold.js';

const POLL_MS = 1500;
const VIEWS = ['tenants', 'runs', 'users', 'directory', 'inbound', 'audit', 'alerts', 'connect'];

const state = {
  view: 'tenants',
  runsTenant: null, // null: the Runs view lists every tenant's runs
  runs: [],
  detail: null, // { id, run, kind, page, totalPages }
  sites: new Map(),
  usersPage: 0,
  pollTimer: null,
  session: { user: null, signIn: null, adminToken: true }, // GET /auth/session
};

/** Signed in either with the issuer (a session) or with the admin token (this tab). */
const signedIn = () => Boolean(state.session.user || token.get());

const REFUSALS = {
  'no-role': 'You signed in, but you hold no role of entra-sync. Ask an administrator to assign you an app role '
    + '(EntraSync.Reader, Operator, Approver or Admin).',
  failed: 'The sign-in did not complete. Please try again.',
  unavailable: 'The sign-in service cannot be reached right now. Please try again later.',
};

// ---------- status line and errors ----------

function say(message, tone = 'info') {
  const status = $('#status');
  status.className = `status status-${tone}`;
  status.textContent = message;
}

/** Runs an action; a 401 goes back to sign-in, other errors are announced. */
async function guard(action) {
  try {
    return await action();
  } catch (e) {
    if (e instanceof Unauthorized) {
      signOut(state.session.user ? 'Your sign-in has ended. Please sign in again.'
        : 'Your session ended: the admin token was not accepted. Please sign in again.');
    } else if (e instanceof ApiError) {
      say(`${e.message} (HTTP ${e.status})`, 'error');
    } else {
      say(`Something went wrong: ${e.message}`, 'error');
      console.error(e);
    }
    return undefined;
  }
}

// ---------- sign-in ----------

function showSignIn(message) {
  stopPolling();
  $('#sign-in').hidden = false;
  $('#nav').hidden = true;
  $('#sign-out').hidden = true;
  $('#who').hidden = true;
  VIEWS.forEach((v) => { $(`#view-${v}`).hidden = true; });
  const sso = Boolean(state.session.signIn);
  $('#sso').hidden = !sso;
  if (sso) $('#sso-sign-in').href = state.session.signIn;
  $('#token-sign-in').hidden = !state.session.adminToken;
  $('#token-sign-in-title').hidden = !sso;
  $('#sign-in-error').textContent = message || '';
  $('#token').value = '';
  if (state.session.adminToken && !sso) $('#token').focus();
}

function showWho() {
  const who = $('#who');
  if (state.session.user) {
    replace(who, el('span.who-name', null, state.session.user.name),
      el('span.who-roles', null, state.session.user.roles.join(', ')));
  } else {
    replace(who, el('span.who-name', null, 'admin token (break-glass)'));
  }
  who.hidden = false;
}

async function signOut(message) {
  if (state.session.user) {
    state.session.user = null;
    try { await endSession(); } catch (e) { /* the session ends on the server by itself */ }
  }
  token.clear();
  state.detail = null;
  state.runs = [];
  // what the views show stays out of the next person's reach in this tab (the audit trail is for Admins only)
  ['#tenant-list', '#fleet-summary', '#fleet-table tbody', '#held-list', '#failed-list', '#runs-table tbody',
    '#changes-table tbody', '#users-table tbody', '#explain-body', '#run-summary', '#inbound-table tbody',
    '#inbound-detail-body', '#audit-table tbody', '#alerts-open tbody', '#alerts-recent tbody', '#connect-body',
    '#connect-group-results', '#connect-group-chosen']
    .forEach((s) => replace($(s)));
  $('#inbound-detail').hidden = true;
  $('#run-detail').hidden = true;
  $('#explain').hidden = true;
  say(message || 'Signed out.', message ? 'error' : 'info');
  showSignIn(message);
}

async function signIn(event) {
  event.preventDefault();
  const candidate = $('#token').value.trim();
  const error = $('#sign-in-error');
  if (!candidate) {
    error.textContent = 'Enter the admin token.';
    $('#token').focus();
    return;
  }
  try {
    await api.probe(candidate);
  } catch (e) {
    error.textContent = e instanceof Unauthorized ? 'That token was not accepted.' : `Could not sign in: ${e.message}`;
    $('#token').select();
    return;
  }
  token.set(candidate);
  $('#token').value = '';
  say('Signed in.');
  await showApp();
}

async function showApp() {
  $('#sign-in').hidden = true;
  $('#sign-in-refused').hidden = true;
  $('#nav').hidden = false;
  $('#sign-out').hidden = false;
  showWho();
  const wanted = location.hash.slice(1);
  await guard(loadSites);
  // the audit trail is for Admin callers only: its entry shows when the caller may read it
  await guard(async () => { $('#nav-audit').hidden = !(await mayAudit()); });
  // connecting a customer is for Admin callers too (the same probe)
  allowConnect(!$('#nav-audit').hidden);
  await route(wanted, false);
}

/** Shows the view an address names: "#runs", "#connect/<id>"; an unknown or forbidden one shows the Tenants view. */
async function route(wanted, focus = true) {
  if (wanted.startsWith('connect/')) {
    await showView('connect', focus, wanted.slice('connect/'.length));
    return;
  }
  const allowed = VIEWS.filter((v) => v !== 'connect' && (v !== 'audit' || !$('#nav-audit').hidden));
  await showView(allowed.includes(wanted) ? wanted : 'tenants', focus);
}

// ---------- navigation ----------

/** {@code route}: what follows the view's name in the address (#connect/<id>). */
async function showView(name, focus = true, route = undefined) {
  if (state.view !== name) say(''); // a message is about the view it came from ("0 users found.")
  state.view = name;
  VIEWS.forEach((v) => { $(`#view-${v}`).hidden = v !== name; });
  document.querySelectorAll('.nav-link').forEach((b) => {
    if (b.dataset.view === name) b.setAttribute('aria-current', 'page'); else b.removeAttribute('aria-current');
  });
  history.replaceState(null, '', route ? `#${name}/${route}` : `#${name}`);
  if (focus) {
    const heading = $(`#view-${name} h1`);
    heading.tabIndex = -1;
    heading.focus();
  }
  if (name === 'tenants') await guard(loadTenants);
  if (name === 'runs') await guard(loadRunsView);
  if (name === 'users' && !$('#users-table tbody').children.length) await guard(searchUsers);
  if (name === 'directory') await guard(loadDirectory);
  if (name === 'inbound') await guard(() => loadInbound(0));
  if (name === 'audit') await guard(() => loadAudit(0));
  if (name === 'alerts') await guard(loadAlerts);
  if (name === 'connect') await guard(() => loadConnect(route || ''));
}

// ---------- polling (live progress without reload) ----------

function stopPolling() {
  clearTimeout(state.pollTimer);
  state.pollTimer = null;
}

function schedulePoll() {
  stopPolling();
  state.pollTimer = setTimeout(() => guard(poll), POLL_MS);
}

async function poll() {
  state.pollTimer = null;
  if (!signedIn()) return;
  if (state.view === 'tenants') await loadTenants();
  if (state.view === 'runs') {
    await loadRuns();
    if (state.detail && isActive(state.detail.run)) await refreshDetail();
  }
}

const isActive = (run) => run && (run.status === 'QUEUED' || run.status === 'RUNNING');

// ---------- decisions on a run (the Tenants view calls them too) ----------

async function rejectRun(run) {
  const ok = await confirmDialog(`Reject the plan of run #${run.id}?`,
    `${run.tenant} stays held: every run plans and applies nothing until its mapping file changes or you release `
    + 'the hold.', 'Reject plan');
  if (!ok) return;
  await api.reject(run.id);
  say(`Rejected: ${run.tenant} stays held.`, 'ok');
  await loadTenants();
  if (state.detail && state.detail.run && state.detail.run.id === run.id) await openRun(run.id);
}

async function startSync(tenant, mode, dryRun) {
  const run = await api.sync(tenant, mode, dryRun).catch((e) => {
    if (e instanceof ApiError && e.status === 409) {
      say(`A run of ${tenant} is already active; wait for it to finish.`, 'error');
      return null;
    }
    throw e;
  });
  if (!run) return;
  say(`${dryRun ? 'Dry run' : `${mode === 'FULL' ? 'Full' : 'Delta'} sync`} #${run.id} of ${tenant} started.`, 'ok');
  await openRunOf(tenant, run.id);
}

// ---------- runs ----------

async function openRunOf(tenant, runId) {
  state.runsTenant = tenant;
  await showView('runs', runId === undefined);
  if (runId !== undefined) await guard(() => openRun(runId));
}

/** The Runs view: every tenant's runs by default; one tenant's when chosen (History on a tenant, or the list). */
async function loadRunsView() {
  const select = $('#runs-tenant');
  const options = [el('option', { value: '' }, 'All tenants')];
  if (state.runsTenant) options.push(el('option', { value: state.runsTenant }, state.runsTenant));
  replace(select, options);
  select.value = state.runsTenant || '';
  await loadRuns();
}

async function loadRuns() {
  const tbody = $('#runs-table tbody');
  state.runs = await api.runs(state.runsTenant || undefined, 25);
  if (!state.runs.length) {
    replace(tbody, el('tr', null, el('td.empty', { colspan: 8 }, 'No runs yet. Start one from the Tenants page.')));
  } else {
    replace(tbody, state.runs.map(runRow));
  }
  if (state.runs.some(isActive) || (state.detail && isActive(state.detail.run))) schedulePoll();
}

/** Previous successful run of the same tenant with numbers to estimate from. */
function previousRun(run, runs) {
  return runs.find((r) => r.id < run.id && r.status === 'SUCCEEDED' && r.durationMs && r.usersProcessed > 0);
}

/** Estimated time left: the previous run's pace (durationMs / usersProcessed) over the users still to go. */
function eta(run, runs) {
  const prev = previousRun(run, runs);
  if (!prev) return null;
  const msPerUser = prev.durationMs / prev.usersProcessed;
  const remaining = Math.max(prev.usersProcessed - run.usersProcessed, 0);
  const byPace = remaining * msPerUser;
  // before the first users are counted, the pace alone would stand still: count the time already spent
  const ms = run.usersProcessed > 0 ? byPace : Math.max(prev.durationMs - elapsed(run), 0);
  return { ms, total: prev.durationMs, prev };
}

function elapsed(run) {
  return run.startedAt ? Date.now() - new Date(run.startedAt).getTime() : 0;
}

function progressText(run, runs) {
  const e = eta(run, runs);
  const base = `${run.pagesRead} pages read, ${run.usersProcessed} users processed`;
  if (!e) return `${base}; no previous run to estimate from`;
  return e.ms > 0 ? `${base}; about ${duration(Math.round(e.ms))} left` : `${base}; finishing`;
}

function progressCell(run, runs) {
  if (run.status === 'QUEUED') return el('span.muted', null, 'waiting to start');
  const e = eta(run, runs);
  return el('div.progress', null,
    e ? el('progress', { max: e.prev.usersProcessed, value: Math.min(run.usersProcessed, e.prev.usersProcessed),
      'aria-label': `Run #${run.id} progress` }) : null,
    el('span', null, progressText(run, runs)));
}

/** Non-zero counts as chips; a dry run's or BLOCKED run's counts are what it would have done. */
function countChips(counts, run) {
  const shown = COUNT_KEYS.filter((k) => counts && counts[k]);
  if (!shown.length) return el('span.muted', null, 'no changes');
  const planned = run && (run.dryRun || run.status === 'BLOCKED');
  return el('ul.chips', { 'aria-label': planned ? 'planned, not applied' : null },
    shown.map((k) => el(`li.chip.kind-${k}`, null, el('strong', null, String(counts[k])), ` ${k}`)),
    planned ? el('li.chip.planned', null, 'planned') : null);
}

function runTags(run) {
  return [
    run.dryRun ? el('span.tag', null, 'dry run') : null,
    run.resync ? el('span.tag', { title: 'Graph asked for a full resync' }, 'resync') : null,
    run.approvesRunId ? el('span.tag', null, `approves #${run.approvesRunId}`) : null,
    run.reevaluated ? el('span.tag', { title: 'The mapping file had changed: every user was evaluated again' },
      're-evaluated: mapping changed') : null,
  ];
}

function runRow(run) {
  const selected = state.detail && state.detail.id === run.id;
  return el('tr', { class: selected ? 'selected' : null, 'aria-current': selected ? 'true' : null, dataset: { run: run.id, status: run.status } },
    el('th', { scope: 'row' }, `#${run.id}`, state.runsTenant ? null : el('span.muted.block', null, run.tenant), ' ',
      runTags(run)),
    el('td', null, statusBadge(run.status)),
    el('td', null, run.mode),
    el('td', null, run.trigger, run.triggeredBy ? el('div.muted.triggered-by', null, actorText(run.triggeredBy)) : null),
    el('td', null, timeEl(run.startedAt || run.queuedAt)),
    el('td.num', null, run.status === 'RUNNING' ? duration(elapsed(run)) : duration(run.durationMs)),
    el('td', null, isActive(run) ? progressCell(run, state.runs) : countChips(run.counts, run)),
    el('td', null, el('button.btn.btn-small', { type: 'button', 'aria-label': `Details of run #${run.id}`,
      onclick: () => guard(() => openRun(run.id)) }, 'Details')));
}

// ---------- run detail ----------

async function openRun(id) {
  state.detail = { id, run: null, kind: '', page: 0, totalPages: 0 };
  $('#kind-filter').value = '';
  $('#run-detail').hidden = false;
  await refreshDetail(true);
  $('#run-detail-title').focus();
  $('#run-detail').scrollIntoView({ block: 'start' });
}

async function refreshDetail(first = false) {
  const detail = state.detail;
  const wasActive = detail.run ? isActive(detail.run) : true;
  detail.run = await api.run(detail.id);
  if (state.detail !== detail) return;
  const run = detail.run;
  if (state.runsTenant && run.tenant !== state.runsTenant) {
    state.runsTenant = run.tenant;
    replace($('#runs-tenant'), el('option', { value: '' }, 'All tenants'), el('option', { value: run.tenant }, run.tenant));
    $('#runs-tenant').value = run.tenant;
  }
  replace($('#run-detail-title'), `Run #${run.id} of ${run.tenant} `, statusBadge(run.status));
  renderSummary(run);
  if (first || (wasActive && !isActive(run))) {
    await loadRuns();
    if (!isActive(run)) {
      await loadChanges(true);
      await renderBlocked(run);
      if (!first) say(`Run #${run.id} finished: ${run.status}.`, run.status === 'SUCCEEDED' ? 'ok' : 'error');
    } else {
      replace($('#changes-table tbody'), el('tr', null, el('td.empty', { colspan: 3 }, 'The run is in progress; its changes appear when it ends.')));
      replace($('#changes-title'), 'Changes');
      $('#changes-more-wrap').hidden = true;
      $('#run-blocked').hidden = true;
    }
  }
  if (isActive(run)) schedulePoll();
}

function renderSummary(run) {
  const fact = (label, value) => [el('dt', null, label), el('dd', null, value)];
  const facts = el('dl.facts.facts-wide', null,
    fact('Mode', [run.mode, ' ', runTags(run)]),
    fact('Trigger', [run.trigger, run.triggeredBy ? ` by ${actorText(run.triggeredBy)}` : '']),
    decisionsText(run) ? fact('Decisions', decisionsText(run)) : null,
    fact('Queued', timeEl(run.queuedAt)),
    fact('Started', timeEl(run.startedAt)),
    fact('Finished', timeEl(run.finishedAt)),
    fact('Duration', run.status === 'RUNNING' ? `${duration(elapsed(run))} so far` : duration(run.durationMs)),
    fact('Pages read', String(run.pagesRead)),
    fact('Users processed', String(run.usersProcessed)),
    fact('Throttled / retries', `${run.throttled} / ${run.retries}`));
  const counts = isActive(run) ? progressCell(run, state.runs) : countChips(run.counts, run);
  // a SUCCEEDED run's text is a note (an approval's account of what it applied, a dry run's verdict), not an error
  const tone = { BLOCKED: 'notice-warn', SUCCEEDED: 'notice-info' }[run.status] || 'notice-error';
  const error = run.error ? el(`p.${tone}.run-note`, { role: 'note' }, run.error) : null;
  replace($('#run-summary'), error, facts, el('div.counts-line', null, el('span.label', null, 'Counts '), counts));
}

async function renderBlocked(run) {
  const box = $('#run-blocked');
  if (run.status !== 'BLOCKED') {
    box.hidden = true;
    return;
  }
  const planned = await api.changes(run.id, 'DEACTIVATE', 0, 1000);
  const rows = planned.content;
  const accounts = await accountsOf(rows);
  const main = rows.filter((r) => r.mainSiteUser).length;
  const tickets = rows.reduce((s, r) => s + (r.openTickets || 0), 0);
  // the run's own count: the table shows at most its first 1,000 rows
  const count = run.counts ? run.counts.deactivated : rows.length;
  replace($('#run-blocked-text'), `This run planned to deactivate ${count} accounts and applied nothing: `
    + (run.error && run.error.includes(' is held') ? 'its tenant is held (a run before it was blocked). '
      : 'more than the tenant\'s safety limit. ')
    + `Review them, then approve or reject to keep the tenant held. ${approvalRule(count)} Tickets are never touched.`);
  replace($('#blocked-table tbody'), rows.map((r) => el('tr', null,
    el('td', null, accountLabel(r, accounts)),
    el('td', null, el('code', null, r.externalId || '—')),
    el('td', null, r.reason || '—',
      r.notInReviewedPlan ? [' ', el('span.badge.warn.not-reviewed', null, 'not in the reviewed plan')] : null),
    el('td.num', null, r.openTickets === null || r.openTickets === undefined ? '—' : String(r.openTickets)),
    el('td', null, r.mainSiteUser ? el('span.badge.warn', null, 'main site user') : 'no'))));
  box.hidden = false;
  box.dataset.count = String(count);
  box.dataset.main = String(main);
  box.dataset.tickets = String(tickets);
}

async function approve() {
  const run = state.detail && state.detail.run;
  if (!run || run.status !== 'BLOCKED') return;
  const box = $('#run-blocked');
  const count = Number(box.dataset.count);
  await approveRun(run, count,
    ` (${plural(box.dataset.main, 'main site user')}, ${plural(box.dataset.tickets, 'open ticket')})`);
}

async function rejectPlan() {
  const run = state.detail && state.detail.run;
  if (run && run.status === 'BLOCKED') await rejectRun(run);
}

async function approveRun(run, count, detail = '', hold = null) {
  const required = hold ? hold.approvalsRequired || 1 : 1;
  const sofar = hold && hold.approvedBy ? hold.approvedBy.length : 0;
  const several = required > 1 && sofar + 1 < required
    ? `This plan needs the approval of ${required} different people: yours would be ${sofar + 1} of ${required}, and `
      + 'nothing runs until the last one approves. Then a'
    : 'A';
  const ok = await confirmDialog(`Approve run #${run.id}?`,
    `${several} new run of ${run.tenant} re-plans and deactivates the ${plural(count, 'account')} this plan lists${detail}, `
    + 'those of them still planned then. Any other deactivation it finds is judged by the usual limits: within '
    + 'them it is applied too and listed separately ("not in the reviewed plan"); above them nothing is applied and '
    + 'the tenant stays held with the new plan. Deactivated users can no longer open tickets; their tickets stay as '
    + 'they are.',
    'Approve and run');
  if (!ok) {
    say('Approval cancelled.');
    return;
  }
  const next = await api.approve(run.id);
  if (next.waiting) {
    // the tenant's mapping asks for several approvers: this approval is recorded, nothing runs yet
    say(`Approved run #${run.id}: ${next.message}.`, 'ok');
    if (state.view === 'tenants') await loadTenants(); else await refreshDetail(true);
    return;
  }
  say(`Approved: run #${next.id} of ${run.tenant} started.`, 'ok');
  await openRun(next.id);
}

/** The accounts behind recorded changes that name no email (deactivations record only the account id). */
async function accountsOf(rows) {
  const ids = [...new Set(rows.filter((r) => !r.email && r.userId).map((r) => r.userId))];
  const found = await Promise.all(ids.map((id) => api.user(id).catch((e) => {
    if (e instanceof Unauthorized) throw e;
    return null;
  })));
  return new Map(found.filter(Boolean).map((u) => [u.id, u]));
}

function accountLabel(change, accounts) {
  const account = change.userId ? accounts.get(change.userId) : null;
  if (change.email) return change.name ? [change.name, el('span.muted.block', null, change.email)] : change.email;
  if (account) return [fullName(account), el('span.muted.block', null, account.email)];
  return el('span.muted', null, 'no email');
}

async function loadChanges(reset) {
  const detail = state.detail;
  if (reset) detail.page = 0;
  const answer = await api.changes(detail.id, detail.kind || undefined, detail.page, 100);
  const accounts = await accountsOf(answer.content);
  const tbody = $('#changes-table tbody');
  const rows = answer.content.map((c) => changeRow(c, accounts));
  if (reset) {
    replace(tbody, rows.length ? rows : el('tr', null, el('td.empty', { colspan: 3 },
      detail.kind ? 'No changes of this kind.' : 'This run changed nothing.')));
  } else {
    tbody.append(...rows);
  }
  detail.totalPages = answer.page.totalPages;
  $('#changes-more-wrap').hidden = detail.page + 1 >= detail.totalPages;
  replace($('#changes-title'), 'Changes ', el('span.muted', null, `(${answer.page.totalElements})`));
}

function parseDiffs(text) {
  if (!text) return [];
  // the API answers an array; older answers held the same array as a JSON string
  if (Array.isArray(text)) return text;
  try {
    const list = JSON.parse(text);
    return Array.isArray(list) ? list : [];
  } catch (e) {
    return [];
  }
}

const KIND_LABEL = { CREATE: 'created', UPDATE: 'updated', LINK: 'linked', MOVE: 'moved', DEACTIVATE: 'deactivated',
  REACTIVATE: 'reactivated', SKIP: 'skipped', FAILED: 'failed', UNCHANGED: 'unchanged' };

function changeRow(c, accounts) {
  const diffs = parseDiffs(c.diffs);
  return el('tr', { dataset: { kind: c.kind } },
    el('td', null, el(`span.badge.kind.kind-${(KIND_LABEL[c.kind] || c.kind).toLowerCase()}`, null, KIND_LABEL[c.kind] || c.kind)),
    el('td', null, accountLabel(c, accounts),
      el('span.muted.block', null, el('code', null, c.externalId || ''), c.userId ? ` · account #${c.userId}` : '')),
    el('td', null,
      c.reason ? el('p.reason', null, c.reason) : null,
      c.kind === 'DEACTIVATE' ? el('p.reason', null, plural(c.openTickets ?? 0, 'open ticket'),
        c.mainSiteUser ? [' · ', el('span.badge.warn', null, 'main site user')] : null,
        c.notInReviewedPlan ? [' · ', el('span.badge.warn.not-reviewed', null, 'not in the reviewed plan')] : null) : null,
      diffs.length ? el('table.diffs', null,
        el('caption.sr-only', null, 'Field changes'),
        el('thead', null, el('tr', null, el('th', { scope: 'col' }, 'Field'), el('th', { scope: 'col' }, 'Before'), el('th', { scope: 'col' }, 'After'))),
        el('tbody', null, diffs.map((d) => el('tr', null,
          el('th', { scope: 'row' }, d.field),
          el('td', null, d.before === null || d.before === undefined ? el('span.muted', null, 'empty') : el('del', null, d.before)),
          el('td', null, d.after === null || d.after === undefined ? el('span.muted', null, 'empty') : el('ins', null, d.after)))))) : null,
      !c.reason && !diffs.length && c.kind !== 'DEACTIVATE' ? el('span.muted', null, '—') : null));
}

// ---------- users ----------

async function loadSites() {
  const sites = await api.sites();
  state.sites = new Map(sites.map((s) => [s.id, s.name]));
  const select = $('#user-site');
  const current = select.value;
  replace(select, el('option', { value: '' }, 'All sites'), sites.map((s) => el('option', { value: s.id }, s.name)));
  select.value = current;
}

const USERS_PAGE = 25;

async function searchUsers(event, page = 0) {
  if (event) {
    event.preventDefault();
    $('#explain').hidden = true; // it explained a user of the previous search
  }
  state.usersPage = page;
  const params = { q: $('#user-q').value.trim(), site: $('#user-site').value, active: $('#user-active').value,
    size: USERS_PAGE, page };
  const answer = await api.users(params);
  const users = answer.content;
  if (users.some((u) => !state.sites.has(u.siteId))) await loadSites(); // a sync may have created sites
  const tbody = $('#users-table tbody');
  replace(tbody, users.length ? users.map(userRow) : el('tr', null, el('td.empty', { colspan: 7 }, 'No user matches.')));
  const total = answer.page ? answer.page.totalElements : users.length;
  const pages = answer.page ? answer.page.totalPages : 1;
  $('#users-count').textContent = total === 0 ? 'No users.' : pages > 1
    ? `Users ${page * USERS_PAGE + 1}–${page * USERS_PAGE + users.length} of ${total} (page ${page + 1} of ${pages}).`
    : `${plural(total, 'user')}.`;
  $('#users-prev').disabled = page === 0;
  $('#users-next').disabled = page + 1 >= pages;
  if (event) say(`${plural(total, 'user')} found.`);
  await Promise.all(users.map(async (u) => {
    const cell = tbody.querySelector(`tr[data-user="${u.id}"] .tickets`);
    try {
      const tickets = await api.tickets(u.id);
      const open = tickets.filter((t) => t.status !== 'CLOSED' && t.status !== 'RESOLVED').length;
      replace(cell, String(tickets.length), open !== tickets.length ? el('span.muted', null, ` (${open} open)`) : null);
    } catch (e) {
      if (e instanceof Unauthorized) throw e;
      replace(cell, '?');
    }
  }));
}

function fullName(u) {
  return [u.firstName, u.lastName].filter(Boolean).join(' ') || '(no name)';
}

function userRow(u) {
  const name = fullName(u);
  return el('tr', { dataset: { user: u.id } },
    el('th', { scope: 'row' }, name, u.mainSiteUser ? el('span.tag', null, 'main') : null,
      u.jobTitle ? el('span.muted.block', null, u.jobTitle) : null),
    el('td.email', null, u.email),
    el('td', null, state.sites.get(u.siteId) || `#${u.siteId}`, u.tenant ? el('span.muted.block', null, u.tenant) : null),
    el('td', null, el(`span.badge.assoc-${String(u.association).toLowerCase()}`, {
      title: u.association === 'STRONG' ? 'Linked to a directory or admin-managed account' : 'Created from an email; not yet linked',
    }, u.association)),
    el('td', null, u.active ? el('span.badge.ok', null, 'active') : el('span.badge.bad', null, 'deactivated'),
      u.active ? null : el('span.muted.block.deactivation', { title: u.deactivatedAt || '' }, deactivationText(u))),
    el('td.num.tickets', null, el('span.muted', null, '…')),
    el('td', null, el('div.row-actions', null,
      el('button.btn.btn-small', { type: 'button', 'aria-label': `Why is ${name} here?`, dataset: { action: 'explain' },
        onclick: () => guard(() => explainUser(u)) }, 'Why here?'),
      el('button.btn.btn-small', { type: 'button', 'aria-label': `Edit ${name}`, dataset: { action: 'edit' },
        onclick: () => guard(() => editUser(u)) }, 'Edit'),
      u.active
        ? el('button.btn.btn-small.btn-danger-ghost', { type: 'button', 'aria-label': `Deactivate ${name}`, dataset: { action: 'deactivate' },
          onclick: () => guard(() => setActive(u, false)) }, 'Deactivate')
        : el('button.btn.btn-small', { type: 'button', 'aria-label': `Activate ${name}`, dataset: { action: 'activate' },
          onclick: () => guard(() => setActive(u, true)) }, 'Activate'))));
}

/** Who deactivated the account: an admin (no sync undoes it) or a sync, and why. */
const DEACTIVATED_BY_SYNC = { DELETED: 'deleted in Entra', SOFT_DELETED: 'deleted in Entra (restorable)',
  DISABLED: 'disabled in Entra', OUT_OF_SCOPE: 'out of the sync scope', NOT_FOUND_IN_FULL_SYNC: 'not found in Entra' };

function deactivationText(u) {
  if (u.deactivationReason === 'MANUAL') return 'deactivated by an admin';
  const why = DEACTIVATED_BY_SYNC[u.deactivationReason];
  return why ? `by the sync: ${why}` : 'reason not recorded';
}

async function setActive(u, active) {
  const name = fullName(u);
  if (!active) {
    const ok = await confirmDialog(`Deactivate ${name}?`,
      `${u.email} will no longer be able to open tickets. Existing tickets stay as they are.`
      + (u.tenant ? ` Syncs of ${u.tenant} leave it deactivated until an admin activates it again.` : '')
      + (u.mainSiteUser ? ' It stops being the main site user: the site has no main user until you choose one.' : ''),
      'Deactivate');
    if (!ok) return;
  }
  const answer = await (active ? api.activate(u.id) : api.deactivate(u.id));
  say(`${name} ${active ? 'activated' : 'deactivated'}.${demotedText(answer)}`, 'ok');
  await searchUsers(null, state.usersPage);
}

/** " Claire Doe (claire@x.org) is no longer the main site user." when a change demoted someone; else "". */
function demotedText(answer) {
  const d = answer && answer.demoted;
  if (!d) return '';
  const who = d.name ? `${d.name} (${d.email})` : d.email;
  return d.id === answer.id ? ` ${who} is no longer the main site user.`
    : ` ${who} is no longer the main site user: ${fullName(answer)} replaces them.`;
}

async function editUser(u) {
  const saved = await openUserForm(u);
  if (!saved) return;
  say(`${fullName(saved)} ${u ? 'saved' : 'created'}.${demotedText(saved)}`, 'ok');
  if (!u) $('#user-q').value = saved.email;
  await loadSites();
  await searchUsers(null, u ? state.usersPage : 0);
}

const DECISIONS = [['scope', 'Scope'], ['site', 'Site'], ['department', 'Department'], ['mainSiteUser', 'Main site user'], ['tickets', 'Tickets']];
const OUTCOME = { IN_SCOPE: 'In scope', OUT_OF_SCOPE: 'Out of scope', UNMAPPED: 'Unmapped', REMOVED: 'Removed in the directory',
  NOT_IN_MIRROR: 'Not seen by a sync yet', LOCAL_ACCOUNT: 'Local account', NO_MAPPING: 'No valid mapping' };

async function explainUser(u) {
  const x = await api.explain(u.id);
  const rules = x.rules ? el('dl.facts.decisions', null, DECISIONS.filter(([k]) => x.rules[k]).map(([k, label]) => [
    el('dt', null, label),
    el('dd', null, x.rules[k].text,
      x.rules[k].rule && !x.rules[k].text.includes(x.rules[k].rule) ? [' ', el('code.rule', null, x.rules[k].rule)] : null),
  ])) : null;
  replace($('#explain-body'),
    el('p', null, el('strong', null, fullName(u)), el('span.muted.block', null, u.email)),
    el('p', null, el(`span.badge.outcome-${String(x.outcome).toLowerCase()}`, null, OUTCOME[x.outcome] || x.outcome),
      x.tenant ? [' tenant ', el('code', null, x.tenant)] : null),
    x.reason ? el('p.reason', null, x.reason) : null,
    rules,
    x.groups && x.groups.length ? [el('h3', null, 'Directory groups (incl. nested)'),
      el('ul.chips', null, x.groups.map((g) => el('li.chip', null, g)))] : null);
  $('#explain').hidden = false;
  $('#explain-title').focus();
}

// ---------- dialog ----------

function confirmDialog(title, text, okLabel) {
  const dialog = $('#confirm');
  $('#confirm-title').textContent = title;
  $('#confirm-text').textContent = text;
  $('#confirm-ok').textContent = okLabel;
  dialog.returnValue = '';
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true });
    dialog.showModal();
    $('#confirm-cancel').focus();
  });
}

// ---------- wiring ----------

function init() {
  $('#sign-in-form').addEventListener('submit', signIn);
  $('#sign-out').addEventListener('click', () => signOut());
  document.querySelectorAll('.nav-link').forEach((b) => b.addEventListener('click', () => showView(b.dataset.view)));
  $('#runs-tenant').addEventListener('change', (e) => {
    state.runsTenant = e.target.value || null;
    state.detail = null;
    $('#run-detail').hidden = true;
    guard(loadRuns);
  });
  $('#run-detail-close').addEventListener('click', () => {
    state.detail = null;
    $('#run-detail').hidden = true;
    guard(loadRuns);
  });
  $('#kind-filter').addEventListener('change', (e) => {
    state.detail.kind = e.target.value;
    guard(() => loadChanges(true));
  });
  $('#changes-more').addEventListener('click', () => {
    state.detail.page += 1;
    guard(() => loadChanges(false));
  });
  $('#approve').addEventListener('click', () => guard(approve));
  $('#reject').addEventListener('click', () => guard(rejectPlan));
  $('#user-search').addEventListener('submit', (e) => guard(() => searchUsers(e)));
  $('#explain-close').addEventListener('click', () => { $('#explain').hidden = true; });
  $('#user-new').addEventListener('click', () => guard(() => editUser(null)));
  $('#site-form').addEventListener('submit', (e) => guard(() => createSite(e, say)));
  $('#settings-form').addEventListener('submit', (e) => guard(() => saveSettings(e, say)));
  $('#import-form').addEventListener('submit', (e) => guard(() => importCsv(e, say)));
  initInbound(guard, say);
  initAudit(guard);
  initConnect({ guard, say, showView });
  // an address typed or pasted into this tab (e.g. a connection's #connect/<id>) changes only the hash: no reload
  window.addEventListener('hashchange', () => {
    if (signedIn() && !$('#nav').hidden) guard(() => route(location.hash.slice(1)));
  });
  initTenants({ guard, say, openRunOf, startSync, approveRun, rejectRun, confirmDialog, schedulePoll, progressText, isActive });
  $('#users-prev').addEventListener('click', () => guard(() => searchUsers(null, Math.max(0, state.usersPage - 1))));
  $('#users-next').addEventListener('click', () => guard(() => searchUsers(null, state.usersPage + 1)));
  start();
}

async function start() {
  try {
    state.session = await sessionInfo();
  } catch (e) {
    state.session = { user: null, signIn: null, adminToken: true };
  }
  const refused = new URLSearchParams(location.search).get('sign-in');
  if (refused && REFUSALS[refused]) {
    $('#sign-in-refused').textContent = REFUSALS[refused];
    $('#sign-in-refused').hidden = false;
    history.replaceState(null, '', location.pathname + location.hash);
  }
  if (signedIn()) guard(showApp); else showSignIn();
}

init();
