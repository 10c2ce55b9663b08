// The Tenants view: the fleet as a table for a thousand tenants (search, state filter, sort, paging, a summary of
// counts per state), a row per tenant opening its card (details, hold decisions, sync buttons, connection test), and
// the held plans and recent failed runs across all tenants (read on an explicit load and when a run ends, not on each
// poll of a running run). The cards of a page of at most CARDS_INLINE tenants are shown at once (a small fleet reads
// as before); otherwise a tenant's card opens from its row.
import { api } from '../api.js';
import { $, el, replace, timeEl, statusBadge, plural, whenExactly } from '../dom.js';
import { checkLines } from '../reasons.js';
import { runChart } from '../chart.js';
import { approvalRule, mappingChangesBlock, replanNote, lastRunText, approvalsNote, actorText } from '../hold.js';

const PAGE_SIZE = 50;
const CARDS_INLINE = 5;

const STATE_LABELS = {
  'needs-attention': 'needs attention',
  invalid: 'mapping invalid',
  held: 'held',
  failing: 'failing',
  'notifications-broken': 'notifications broken',
  stale: 'no success for a day',
  'never-synced': 'never synced',
  ok: 'OK',
};

/** What app.js lends this view: sign-in aware error handling, the status line, runs and dialogs. */
let app = null;

const view = {
  page: 0,
  open: null, // the tenant key whose card is open (from its row), kept across refreshes
  checks: new Map(), // tenant → its last connection check, kept while the cards re-render
  active: new Set(), // ids of the active runs the shown cards had at the last look (a poll sees which ended)
};

export function initTenants(helpers) {
  app = helpers;
  $('#fleet-search').addEventListener('submit', (e) => {
    e.preventDefault();
    app.guard(() => loadTenants(0));
  });
  $('#fleet-state').addEventListener('change', () => app.guard(() => loadTenants(0)));
  $('#fleet-sort').addEventListener('change', () => app.guard(() => loadTenants(0)));
  $('#fleet-prev').addEventListener('click', () => app.guard(() => loadTenants(Math.max(0, view.page - 1))));
  $('#fleet-next').addEventListener('click', () => app.guard(() => loadTenants(view.page + 1)));
  $('#tenants-refresh').addEventListener('click', () => app.guard(() => loadTenants()).then(() => app.say('Tenants refreshed.')));
}

/**
 * Loads one page of the fleet (filter, search and sort as chosen), the summary, the cards shown, and the cross-tenant
 * lists (held plans, recent failed runs). Called on an explicit load: the view opened, the filter or page changed,
 * a decision taken; {@code withLists} false leaves the cross-tenant lists as they are (a card opened from its row).
 */
export async function loadTenants(page = view.page, withLists = true) {
  await Promise.all([loadFleet(page), withLists ? loadLists() : null]);
}

/**
 * One poll while a shown card has an active run: the page and its cards (what shows the running run). The held plans
 * and failed runs change only when a run ends or a decision is taken, so they are read again only when a run that
 * was active at the last look has ended.
 */
export async function pollTenants() {
  const before = view.active;
  await loadFleet(view.page);
  if ([...before].some((id) => !view.active.has(id))) await loadLists();
}

/** The held plans and the newest failed runs across all tenants. */
async function loadLists() {
  const [held, failed] = await Promise.all([api.tenants({ state: 'held', sort: 'tenant', size: PAGE_SIZE }),
    api.failedRuns(10)]);
  renderHeld(held.content);
  renderFailed(failed);
}

/** The fleet table's page, the summary and the cards shown; polls again while a card shows an active run. */
async function loadFleet(page) {
  const chosen = {
    state: $('#fleet-state').value, q: $('#fleet-q').value.trim(), sort: $('#fleet-sort').value, page, size: PAGE_SIZE,
  };
  const answer = await api.tenants(chosen);
  view.page = page;
  const tenants = answer.content;
  renderSummary(answer.summary);
  replace($('#fleet-table tbody'), tenants.length ? tenants.map(row)
    : el('tr', null, el('td.empty', { colspan: 5 }, answer.summary.total
      ? 'No tenant matches the search and state.' : 'No mapping files found. Add one per tenant to the mappings directory.')));
  const info = answer.page;
  $('#fleet-page').textContent = info.totalElements
    ? `Page ${info.number + 1} of ${info.totalPages} · ${plural(info.totalElements, 'tenant')}` : '';
  $('#fleet-prev').disabled = info.number === 0;
  $('#fleet-next').disabled = info.number + 1 >= info.totalPages;
  const shown = tenants.length <= CARDS_INLINE ? tenants.filter((t) => t.tenant || t.file)
    : tenants.filter((t) => t.tenant && t.tenant === view.open);
  if (view.open && !shown.some((t) => t.tenant === view.open)) {
    try {
      shown.push(await api.tenant(view.open));
    } catch (e) {
      view.open = null; // its file is gone
    }
  }
  const withRuns = await Promise.all(shown.map(async (t) => ({
    tenant: t,
    runs: t.tenant ? await api.runs(t.tenant, 12) : [],
  })));
  replace($('#tenant-list'), withRuns.map(({ tenant, runs }) => tenantCard(tenant, runs)));
  view.active = new Set(withRuns.flatMap(({ runs }) => runs.filter(app.isActive).map((r) => r.id)));
  if (view.active.size) app.schedulePoll();
}

/** One button per state with its count over the whole fleet; pressing one filters the table by it. */
function renderSummary(summary) {
  const current = $('#fleet-state').value;
  const button = (key, count) => el('button.btn.btn-ghost.btn-small', {
    type: 'button', 'aria-pressed': String(current === key), dataset: { state: key },
    onclick: () => {
      $('#fleet-state').value = current === key ? '' : key;
      app.guard(() => loadTenants(0));
    },
  }, el('span.count', null, String(count)), ' ', STATE_LABELS[key]);
  replace($('#fleet-summary'), el('span.muted', null, `${plural(summary.total, 'tenant')}:`),
    Object.keys(STATE_LABELS).filter((k) => k === 'needs-attention' || k === 'ok' || summary[k])
      .map((k) => button(k, summary[k])));
}

function stateBadge(key) {
  return el(`span.badge.state-${key}`, { dataset: { state: key } }, STATE_LABELS[key] || key);
}

/** A tenant's row: key and file, state badges, the last run in words, the next fire, its hold. */
function row(t) {
  const key = t.tenant;
  const name = key || t.file;
  return el('tr', { dataset: { tenant: key || '', state: t.state } },
    el('th', { scope: 'row' },
      el('button.link', { type: 'button', 'aria-label': `Open ${name}`, onclick: () => app.guard(() => openCard(key)),
        disabled: !key }, name),
      el('span.muted.block.file', null, t.file)),
    el('td', null, t.states.map(stateBadge),
      t.failuresInRow >= 2 ? el('span.muted.block', null, `failed ${t.failuresInRow} times in a row`) : null),
    el('td', null, lastRunWords(t)),
    el('td', null, t.nextFireTime ? timeEl(t.nextFireTime) : el('span.muted', null, '—')),
    el('td', null, t.hold ? holdWords(t.hold) : el('span.muted', null, '—')));
}

/** "succeeded 5 minutes ago", "failed 2 hours ago: token request failed …", "never run". */
function lastRunWords(t) {
  const run = t.lastRun;
  if (!run) return el('span.muted', null, 'never run');
  const at = run.finishedAt;
  const words = { SUCCEEDED: run.dryRun ? 'dry run succeeded' : 'succeeded', FAILED: 'failed', BLOCKED: 'blocked',
    QUEUED: 'waiting to start', RUNNING: 'running' }[run.status] || run.status.toLowerCase();
  return el('span', null, statusBadge(run.status), ' ', words, at ? [' ', ago(at)] : null,
    run.status === 'FAILED' && run.error ? el('span.muted.block', { title: run.error }, shorten(run.error, 90)) : null,
    t.lastSuccessAt && run.status !== 'SUCCEEDED' ? el('span.muted.block', null, 'last success ', ago(t.lastSuccessAt)) : null);
}

function holdWords(h) {
  return h.state === 'REJECTED' ? el('span', null, 'plan rejected')
    : el('span', null, `${plural(h.pendingDeactivations, 'deactivation')} awaiting approval`);
}

/** A time in plain words ("3 hours ago"), the exact time in the tooltip. */
function ago(iso) {
  const seconds = Math.round((Date.now() - new Date(iso).getTime()) / 1000);
  const units = [['day', 86400], ['hour', 3600], ['minute', 60]];
  const unit = units.find(([, s]) => seconds >= s); // none for a time under a minute ago (or a clock ahead)
  const text = unit ? `${plural(Math.floor(seconds / unit[1]), unit[0])} ago` : 'just now';
  return el('time', { datetime: iso, title: whenExactly(iso) }, text);
}

const shorten = (text, max) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

async function openCard(key) {
  view.open = key;
  await loadTenants(view.page, false);
  const card = document.getElementById(cardId(key));
  if (card) {
    card.scrollIntoView({ block: 'start' });
    const heading = card.querySelector('h2');
    heading.tabIndex = -1;
    heading.focus();
  }
}

const cardId = (key) => `tenant-${String(key).replace(/[^a-zA-Z0-9_-]/g, '_')}`;

/** Held plans across all tenants: who, since when, how much waits, and the plan to review. */
function renderHeld(held) {
  replace($('#held-list'), held.length ? held.map((t) => el('li', { dataset: { tenant: t.tenant } },
    el('button.link', { type: 'button', onclick: () => app.guard(() => openCard(t.tenant)) }, t.tenant), ': ',
    holdWords(t.hold), ' since ', ago(t.hold.heldSince), ' — ',
    el('button.link', { type: 'button', dataset: { action: 'review', tenant: t.tenant },
      onclick: () => app.openRunOf(t.tenant, t.hold.latestRunId) }, `review plan #${t.hold.latestRunId}`)))
    : el('li.muted', null, 'No tenant is held.'));
}

/** The newest failed runs across all tenants. */
function renderFailed(runs) {
  replace($('#failed-list'), runs.length ? runs.map((r) => el('li', { dataset: { run: r.id, tenant: r.tenant } },
    el('button.link', { type: 'button', onclick: () => app.openRunOf(r.tenant, r.id) }, `#${r.id}`), ' ',
    el('strong', null, r.tenant), ' ', ago(r.finishedAt || r.queuedAt),
    r.error ? el('span.muted.block', { title: r.error }, shorten(r.error, 120)) : null))
    : el('li.muted', null, 'No failed runs.'));
}

function lastRunBlock(lastRun) {
  if (!lastRun) return el('span.muted', null, 'never run');
  const at = lastRun.finishedAt || lastRun.startedAt || lastRun.queuedAt || lastRun.at;
  return el('span', null,
    lastRun.status ? statusBadge(lastRun.status) : null, ' ',
    lastRun.id !== undefined ? el('button.link', { type: 'button', onclick: () => app.openRunOf(lastRun.tenant, lastRun.id) }, `#${lastRun.id}`) : null,
    ' ', at ? timeEl(at) : null,
    lastRunText(lastRun));
}

function tenantCard(t, runs) {
  const key = t.tenant;
  const title = key || t.file;
  const id = cardId(key || t.file);
  const lastRun = t.lastRun || runs.find((r) => !app.isActive(r)) || null;
  const active = runs.find(app.isActive);
  const facts = el('dl.facts', null,
    el('dt', null, 'Cloud'), el('dd', null, t.cloud || '—'),
    el('dt', null, 'Schedule'), el('dd', null, t.schedule ? [t.scheduleText ? [el('span.cron-words', null, t.scheduleText), ' '] : null,
      el('code', null, t.schedule)] : '—',
      t.scheduleSpread ? el('span.muted.block', null, 'spread for this tenant from the template\'s ',
        el('code', null, t.scheduleSpread.template)) : null,
      t.fullSyncSchedule ? el('span.muted.block', null, 'full: ', t.fullSyncScheduleText
        ? [el('span.cron-words', null, t.fullSyncScheduleText), ' '] : null, el('code', null, t.fullSyncSchedule)) : null,
      t.timeZone ? el('span.muted.block', null, `time zone ${t.timeZone === 'Z' ? 'UTC' : t.timeZone}`) : null),
    el('dt', null, 'Next run'), el('dd', null, t.nextFireTime ? timeEl(t.nextFireTime) : el('span.muted', null, '—')),
    el('dt', null, 'Last run'), el('dd', null, lastRunBlock(lastRun)),
    key ? [el('dt', null, 'Notifications'), el('dd.notifications', null, notificationsBlock(t.notifications))] : null,
    active ? [el('dt', null, 'Now'), el('dd', null, statusBadge(active.status), ' ',
      el('button.link', { type: 'button', onclick: () => app.openRunOf(key, active.id) }, `run #${active.id}`),
      active.status === 'RUNNING' ? el('span.muted.block', null, app.progressText(active, runs)) : null)] : null);

  const errors = t.errors && t.errors.length ? el('div.mapping-errors', { role: 'group', 'aria-label': `Mapping errors of ${title}` },
    el('h3', null, `Mapping errors (${t.errors.length})`),
    el('ul', null, t.errors.map((e) => el('li', null,
      el('code.loc', null, `${e.file}:${e.line}:${e.column}`),
      el('p.msg', null, e.key ? [el('code.key', null, e.key), ': '] : null, e.message))))) : null;

  const trigger = (label, mode, dryRun, cls) => el(`button.btn.${cls}`, {
    type: 'button', disabled: !t.valid || !key || !!active,
    'aria-describedby': `${id}-hint`,
    dataset: { action: dryRun ? 'dry-run' : mode.toLowerCase(), tenant: key || '' },
    onclick: () => app.guard(() => app.startSync(key, mode, dryRun)),
  }, label);

  return el('article.card.tenant', { id, 'aria-labelledby': `${id}-title` },
    el('header.card-head', null,
      el('h2', { id: `${id}-title` }, title),
      t.valid ? el('span.badge.ok', null, 'mapping valid') : el('span.badge.bad', null, 'mapping invalid'),
      t.hold ? el('span.badge.warn', null, 'held') : null),
    el('p.muted.file', null, el('code', null, t.file)),
    holdBlock(t, !!active),
    t.mappingChanged ? el('p.notice-info.mapping-changed', { role: 'note' },
      'The mapping file changed since the last applied run: the next run re-evaluates every user of this tenant '
      + '(through the deactivation limits).') : null,
    facts,
    errors,
    el('div.actions.card-actions', null,
      trigger('Delta sync', 'DELTA', false, 'btn-primary'),
      trigger('Full sync', 'FULL', false, 'btn-secondary'),
      trigger('Dry run', 'FULL', true, 'btn-ghost'),
      key ? el('button.btn.btn-ghost', { type: 'button', onclick: () => app.openRunOf(key) }, 'History') : null,
      key && t.valid ? el('button.btn.btn-ghost', { type: 'button', dataset: { action: 'check', tenant: key },
        onclick: () => app.guard(() => checkConnection(key, id)) }, 'Test connection') : null),
    view.checks.get(key) || null,
    el('p.hint.muted', { id: `${id}-hint` }, !t.valid ? 'Fix the mapping file to enable syncing.'
      : active ? 'A run is in progress.' : 'Dry run computes a full sync and applies nothing.'),
    key ? runChart(key, runs) : null);
}

/** Probes the tenant's app registration (token, read permissions, the groups the mapping names); changes nothing. */
async function checkConnection(tenant, cardId) {
  app.say(`Testing the connection of ${tenant}…`);
  const answer = await api.check(tenant);
  const box = el('div.check-result', { role: 'group', 'aria-label': `Connection check of ${tenant}` },
    el('p', null, el('strong', null, answer.ok ? 'Connection OK' : 'Connection check failed'), ' — nothing was changed.'),
    checkLines(answer.checks));
  view.checks.set(tenant, box);
  // the tenant list may have been re-rendered while the check ran: put the result into the card shown now
  const card = document.getElementById(cardId);
  const old = card && card.querySelector('.check-result');
  if (old) old.replaceWith(box); else if (card) card.querySelector('.card-actions').after(box);
  app.say(answer.ok ? `${tenant}: every check passed.` : `${tenant}: some checks failed; see the card.`, answer.ok ? 'ok' : 'error');
}

/** Graph change notifications of a tenant: subscribed or not, until when, last heard of, and its problems. */
function notificationsBlock(n) {
  if (!n || !n.enabled) {
    return el('span.muted', null, 'off: scheduled deltas only');
  }
  const when = (label, iso) => el('span.muted.block', null, `${label} `, iso ? timeEl(iso) : 'never');
  return [
    n.active ? el('span', null, 'active until ', timeEl(n.expiresAt)) : el('strong.pending', null, 'not active'),
    when('last received', n.lastReceivedAt),
    when('last validated', n.lastValidatedAt),
    n.rejected ? el('span.block', null, `${plural(n.rejected, 'notification')} refused (wrong clientState)`) : null,
    (n.errors || []).map((e) => el('span.block.msg', { role: 'note' }, e)),
  ];
}

/** A held tenant: why, what waits, and the admin's three decisions. */
function holdBlock(t, active) {
  const h = t.hold;
  if (!h) return null;
  const key = t.tenant;
  const review = el('button.btn.btn-ghost', { type: 'button', dataset: { action: 'review', tenant: key },
    onclick: () => app.openRunOf(key, h.latestRunId) },
    `Review plan #${h.latestRunId}`);
  const release = el('button.btn.btn-ghost', {
    type: 'button', disabled: active, dataset: { action: 'release', tenant: key },
    onclick: () => app.guard(() => releaseHold(key)),
  }, 'Release hold');
  if (h.state === 'REJECTED') {
    return el('div.hold.notice-warn', { role: 'group', 'aria-label': `Hold of ${key}` },
      el('p', null, `Held: the plan of run #${h.latestRunId} was rejected `,
        h.rejectedBy ? `by ${actorText(h.rejectedBy)} ` : '', timeEl(h.rejectedAt), '. ',
        'Every run plans and applies nothing until the mapping file changes or you release the hold.'),
      mappingChangesBlock(h),
      el('div.actions', null, review, release));
  }
  return el('div.hold.notice-warn', { role: 'group', 'aria-label': `Hold of ${key}` },
    el('p', null, el('strong.pending', null, `${plural(h.pendingDeactivations, 'deactivation')} awaiting approval`),
      ` — held since run #${h.firstRunId} (`, timeEl(h.heldSince), `): ${h.reason}. `,
      'Every run plans and applies nothing until you decide or the mapping file changes. ',
      approvalRule(h.pendingDeactivations)),
    approvalsNote(h),
    mappingChangesBlock(h),
    replanNote(h),
    el('div.actions', null, review,
      el('button.btn.btn-danger', {
        type: 'button', disabled: active || h.mappingChangedSincePlan, dataset: { action: 'approve', tenant: key },
        onclick: () => app.guard(() => app.approveRun({ id: h.latestRunId, tenant: key }, h.pendingDeactivations, '', h)),
      }, 'Approve…'),
      el('button.btn.btn-secondary', {
        type: 'button', disabled: active, dataset: { action: 'reject', tenant: key },
        onclick: () => app.guard(() => app.rejectRun({ id: h.latestRunId, tenant: key })),
      }, 'Reject'),
      release));
}

async function releaseHold(tenant) {
  const ok = await app.confirmDialog(`Release the hold of ${tenant}?`,
    'Nothing is applied now. The next run is judged by the deactivation limits again: if it would still deactivate '
    + 'too many accounts, it is blocked and the tenant is held again.', 'Release hold');
  if (!ok) return;
  await api.releaseHold(tenant);
  app.say(`The hold of ${tenant} was released.`, 'ok');
  await loadTenants();
}