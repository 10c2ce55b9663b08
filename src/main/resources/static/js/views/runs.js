// The Runs view: every tenant's runs (or one tenant's), live progress with an estimate while a run is active, and a
// run's detail: its facts, its changes by kind (reasons in words, codes in tooltips), and a BLOCKED run's planned
// deactivations with Approve and Reject. The Tenants view starts runs and decides on holds through the functions
// exported here.
import { api, ApiError } from '../api.js';
import { $, el, replace, timeEl, duration, statusBadge, COUNT_KEYS, plural, fact } from '../dom.js';
import { changeReason } from '../reasons.js';
import { approvalRule, actorText, decisionsText } from '../hold.js';
import { loadTenants } from './tenants.js';

const view = {
  tenant: null, // null: the view lists every tenant's runs
  runs: [],
  detail: null, // { id, run, kind, page, totalPages }
};
let app; // { guard, say, confirmDialog, showView, schedulePoll, currentView }

export const isActive = (run) => run && (run.status === 'QUEUED' || run.status === 'RUNNING');

// ---- decisions on a run (the Tenants view calls them too) ----------

export async function rejectRun(run) {
  const ok = await app.confirmDialog(`Reject the plan of run #${run.id}?`,
    `${run.tenant} stays held: every run plans and applies nothing until its mapping file changes or you release `
    + 'the hold.', 'Reject plan');
  if (!ok) return;
  await api.reject(run.id);
  app.say(`Rejected: ${run.tenant} stays held.`, 'ok');
  await loadTenants();
  if (view.detail && view.detail.run && view.detail.run.id === run.id) await openRun(run.id);
}

export async function startSync(tenant, mode, dryRun) {
  const run = await api.sync(tenant, mode, dryRun).catch((e) => {
    if (e instanceof ApiError && e.status === 409) {
      app.say(`A run of ${tenant} is already active; wait for it to finish.`, 'error');
      return null;
    }
    throw e;
  });
  if (!run) return;
  app.say(`${dryRun ? 'Dry run' : `${mode === 'FULL' ? 'Full' : 'Delta'} sync`} #${run.id} of ${tenant} started.`, 'ok');
  await openRunOf(tenant, run.id);
}

// ---- runs ----

export async function openRunOf(tenant, runId) {
  view.tenant = tenant;
  await app.showView('runs', runId === undefined);
  if (runId !== undefined) await app.guard(() => openRun(runId));
}

/** The Runs view: every tenant's runs by default; one tenant's when chosen (History on a tenant, or the list). */
export async function loadRunsView() {
  const select = $('#runs-tenant');
  const options = [el('option', { value: '' }, 'All tenants')];
  if (view.tenant) options.push(el('option', { value: view.tenant }, view.tenant));
  replace(select, options);
  select.value = view.tenant || '';
  await loadRuns();
}

async function loadRuns() {
  const tbody = $('#runs-table tbody');
  view.runs = await api.runs(view.tenant || undefined, 25);
  if (!view.runs.length) {
    replace(tbody, el('tr', null, el('td.empty', { colspan: 8 }, 'No runs yet. Start one from the Tenants page.')));
  } else {
    replace(tbody, view.runs.map(runRow));
  }
  if (view.runs.some(isActive) || (view.detail && isActive(view.detail.run))) app.schedulePoll();
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

export function progressText(run, runs) {
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
  const selected = view.detail && view.detail.id === run.id;
  return el('tr', { class: selected ? 'selected' : null, 'aria-current': selected ? 'true' : null, dataset: { run: run.id, status: run.status } },
    el('th', { scope: 'row' }, `#${run.id}`, view.tenant ? null : el('span.muted.block', null, run.tenant), ' ',
      runTags(run)),
    el('td', null, statusBadge(run.status)),
    el('td', null, run.mode),
    el('td', null, run.trigger, run.triggeredBy ? el('div.muted.triggered-by', null, actorText(run.triggeredBy)) : null),
    el('td', null, timeEl(run.startedAt || run.queuedAt)),
    el('td.num', null, run.status === 'RUNNING' ? duration(elapsed(run)) : duration(run.durationMs)),
    el('td', null, isActive(run) ? progressCell(run, view.runs) : countChips(run.counts, run)),
    el('td', null, el('button.btn.btn-small', { type: 'button', 'aria-label': `Details of run #${run.id}`,
      onclick: () => app.guard(() => openRun(run.id)) }, 'Details')));
}

// ---- run detail ----

async function openRun(id) {
  view.detail = { id, run: null, kind: '', page: 0, totalPages: 0 };
  $('#kind-filter').value = '';
  // the panel may still show an earlier look at a BLOCKED run (even this one): its Approve and Reject would read a
  // run not loaded yet and do nothing, so the plan is offered again only once renderBlocked has shown this load
  $('#run-blocked').hidden = true;
  $('#run-detail').hidden = false;
  await refreshDetail(true);
  $('#run-detail-title').focus();
  $('#run-detail').scrollIntoView({ block: 'start' });
}

async function refreshDetail(first = false) {
  const detail = view.detail;
  const wasActive = detail.run ? isActive(detail.run) : true;
  detail.run = await api.run(detail.id);
  if (view.detail !== detail) return;
  const run = detail.run;
  if (view.tenant && run.tenant !== view.tenant) {
    view.tenant = run.tenant;
    replace($('#runs-tenant'), el('option', { value: '' }, 'All tenants'), el('option', { value: run.tenant }, run.tenant));
    $('#runs-tenant').value = run.tenant;
  }
  replace($('#run-detail-title'), `Run #${run.id} of ${run.tenant} `, statusBadge(run.status));
  renderSummary(run);
  if (first || (wasActive && !isActive(run))) {
    // after each wait another run may have been opened: this load then stops, or it would show its plan under that run
    await loadRuns();
    if (view.detail !== detail) return;
    if (!isActive(run)) {
      await loadChanges(true);
      if (view.detail !== detail) return;
      await renderBlocked(run);
      if (!first) app.say(`Run #${run.id} finished: ${run.status}.`, run.status === 'SUCCEEDED' ? 'ok' : 'error');
    } else {
      replace($('#changes-table tbody'), el('tr', null, el('td.empty', { colspan: 3 }, 'The run is in progress; its changes appear when it ends.')));
      replace($('#changes-title'), 'Changes');
      $('#changes-more-wrap').hidden = true;
      $('#run-blocked').hidden = true;
    }
  }
  if (isActive(run)) app.schedulePoll();
}

function renderSummary(run) {
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
  const counts = isActive(run) ? progressCell(run, view.runs) : countChips(run.counts, run);
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
  if (!view.detail || view.detail.id !== run.id) return; // another run was opened meanwhile
  const rows = planned.content;
  const main = rows.filter((r) => r.mainSiteUser).length;
  const tickets = rows.reduce((s, r) => s + (r.openTickets || 0), 0);
  // the run's own count: the table shows at most its first 1,000 rows
  const count = run.counts ? run.counts.deactivated : rows.length;
  replace($('#run-blocked-text'), `This run planned to deactivate ${count} accounts and applied nothing: `
    + (run.error && run.error.includes(' is held') ? 'its tenant is held (a run before it was blocked). '
      : 'more than the tenant\'s safety limit. ')
    + `Review them, then approve or reject to keep the tenant held. ${approvalRule(count)} Tickets are never touched.`);
  replace($('#blocked-table tbody'), rows.map((r) => el('tr', null,
    el('td', null, accountLabel(r)),
    el('td', null, el('code', null, r.externalId || '—')),
    el('td', null, changeReason('DEACTIVATE', r.reason) || '—',
      r.notInReviewedPlan ? [' ', el('span.badge.warn.not-reviewed', null, 'not in the reviewed plan')] : null),
    el('td.num', null, r.openTickets === null || r.openTickets === undefined ? '—' : String(r.openTickets)),
    el('td', null, r.mainSiteUser ? el('span.badge.warn', null, 'main site user') : 'no'))));
  box.hidden = false;
  box.dataset.count = String(count);
  box.dataset.main = String(main);
  box.dataset.tickets = String(tickets);
}

async function approve() {
  const run = view.detail && view.detail.run;
  if (!run || run.status !== 'BLOCKED') return;
  const box = $('#run-blocked');
  const count = Number(box.dataset.count);
  await approveRun(run, count,
    ` (${plural(box.dataset.main, 'main site user')}, ${plural(box.dataset.tickets, 'open ticket')})`);
}

async function rejectPlan() {
  const run = view.detail && view.detail.run;
  if (run && run.status === 'BLOCKED') await rejectRun(run);
}

export async function approveRun(run, count, detail = '', hold = null) {
  const required = hold ? hold.approvalsRequired || 1 : 1;
  const sofar = hold && hold.approvedBy ? hold.approvedBy.length : 0;
  const several = required > 1 && sofar + 1 < required
    ? `This plan needs the approval of ${required} different people: yours would be ${sofar + 1} of ${required}, and `
      + 'nothing runs until the last one approves. Then a'
    : 'A';
  const ok = await app.confirmDialog(`Approve run #${run.id}?`,
    `${several} new run of ${run.tenant} re-plans and deactivates the ${plural(count, 'account')} this plan lists${detail}, `
    + 'those of them still planned then. Any other deactivation it finds is judged by the usual limits: within '
    + 'them it is applied too and listed separately ("not in the reviewed plan"); above them nothing is applied and '
    + 'the tenant stays held with the new plan. Deactivated users can no longer open tickets; their tickets stay as '
    + 'they are.',
    'Approve and run');
  if (!ok) {
    app.say('Approval cancelled.');
    return;
  }
  const next = await api.approve(run.id);
  if (next.waiting) {
    // the tenant's mapping asks for several approvers: this approval is recorded, nothing runs yet
    app.say(`Approved run #${run.id}: ${next.message}.`, 'ok');
    if (app.currentView() === 'tenants') await loadTenants(); else await refreshDetail(true);
    return;
  }
  app.say(`Approved: run #${next.id} of ${run.tenant} started.`, 'ok');
  await openRun(next.id);
}

/**
 * Who a change is about: the change page carries the account's email (the one recorded with the change, else the
 * account's) and name from the same query, so no account is read one by one.
 */
function accountLabel(change) {
  if (change.email) return change.name ? [change.name, el('span.muted.block', null, change.email)] : change.email;
  return el('span.muted', null, 'no email');
}

async function loadChanges(reset) {
  const detail = view.detail;
  if (reset) detail.page = 0;
  const answer = await api.changes(detail.id, detail.kind || undefined, detail.page, 100);
  if (view.detail !== detail) return; // another run was opened meanwhile
  const tbody = $('#changes-table tbody');
  const rows = answer.content.map(changeRow);
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

function changeRow(c) {
  const diffs = parseDiffs(c.diffs);
  return el('tr', { dataset: { kind: c.kind } },
    el('td', null, el(`span.badge.kind.kind-${(KIND_LABEL[c.kind] || c.kind).toLowerCase()}`, null, KIND_LABEL[c.kind] || c.kind)),
    el('td', null, accountLabel(c),
      el('span.muted.block', null, el('code', null, c.externalId || ''), c.userId ? ` · account #${c.userId}` : '')),
    el('td', null,
      c.reason ? el('p.reason', null, changeReason(c.kind, c.reason)) : null,
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


/** One poll while the view is shown: the list, and the open run while it is active. */
export async function pollRuns() {
  await loadRuns();
  if (view.detail && isActive(view.detail.run)) await refreshDetail();
}

/** Forgets what the view showed (sign-out). */
export function resetRuns() {
  view.detail = null;
  view.runs = [];
}

/** Wires the view's controls once; {@code context}: guard, say, confirmDialog, showView, schedulePoll, currentView. */
export function initRuns(context) {
  app = context;
  $('#runs-tenant').addEventListener('change', (e) => {
    view.tenant = e.target.value || null;
    view.detail = null;
    $('#run-detail').hidden = true;
    app.guard(loadRuns);
  });
  $('#run-detail-close').addEventListener('click', () => {
    view.detail = null;
    $('#run-detail').hidden = true;
    app.guard(loadRuns);
  });
  $('#kind-filter').addEventListener('change', (e) => {
    view.detail.kind = e.target.value;
    app.guard(() => loadChanges(true));
  });
  $('#changes-more').addEventListener('click', () => {
    view.detail.page += 1;
    app.guard(() => loadChanges(false));
  });
  $('#approve').addEventListener('click', () => app.guard(approve));
  $('#reject').addEventListener('click', () => app.guard(rejectPlan));
}
