// entra-sync admin page: sign-in, navigation, polling, the status line and the confirmation dialog. Plain ES module,
// no framework. Each view is a module of its own under views/ (tenants, runs, users, directory, inbound, audit,
// alerts, connect: #connect/<id>), sharing dom.js (elements, times), api.js (the REST calls) and reasons.js (codes in
// words).
import { api, token, Unauthorized, ApiError, sessionInfo, endSession } from './api.js';
import { $, el, replace } from './dom.js';
import { initUsers, loadSites, searchUsers, hasUsers, showUserRights } from './views/users.js';
import { initRuns, loadRunsView, pollRuns, resetRuns, openRunOf, startSync, approveRun, rejectRun, progressText,
  isActive } from './views/runs.js';
import { loadDirectory, initDirectory } from './views/directory.js';
import { loadInbound, initInbound } from './views/inbound.js';
import { loadAudit, initAudit, mayAudit } from './views/audit.js';
import { loadAlerts } from './views/alerts.js';
import { loadTenants, pollTenants, initTenants } from './views/tenants.js';
import { loadConnect, initConnect, allowConnect, pollConnect } from './views/connect.js';

const POLL_MS = 1500;
const VIEWS = ['tenants', 'runs', 'users', 'directory', 'inbound', 'audit', 'alerts', 'connect'];

const state = {
  view: 'tenants',
  pollTimer: null,
  session: { user: null, signIn: null, adminToken: true }, // GET /auth/session
};

/** Signed in either with the issuer (a session) or with the admin token (this tab). */
const signedIn = () => Boolean(state.session.user || token.get());

/**
 * Whether the caller may change things an Operator may (users, sites, departments): the admin token is Admin; a
 * signed-in person holds Operator or Admin. The page only hides what would be refused; the service decides.
 */
const mayOperate = () => !state.session.user
  || ['EntraSync.Operator', 'EntraSync.Admin'].some((r) => state.session.user.roles.includes(r));

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
  resetRuns();
  // what the views show stays out of the next person's reach in this tab (the audit trail is for Admins only)
  ['#tenant-list', '#fleet-summary', '#fleet-table tbody', '#held-list', '#failed-list', '#runs-table tbody',
    '#changes-table tbody', '#users-table tbody', '#explain-body', '#run-summary', '#inbound-table tbody',
    '#inbound-detail-body', '#audit-table tbody', '#alerts-open tbody', '#alerts-recent tbody', '#sites-table tbody',
    '#departments-table tbody', '#connect-body', '#connect-group-results', '#connect-group-chosen']
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
  showUserRights();
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

/** {@code path}: what follows the view's name in the address (#connect/<id>). */
async function showView(name, focus = true, path = undefined) {
  if (state.view !== name) say(''); // a message is about the view it came from ("0 users found.")
  state.view = name;
  VIEWS.forEach((v) => { $(`#view-${v}`).hidden = v !== name; });
  document.querySelectorAll('.nav-link').forEach((b) => {
    if (b.dataset.view === name) b.setAttribute('aria-current', 'page'); else b.removeAttribute('aria-current');
  });
  history.replaceState(null, '', path ? `#${name}/${path}` : `#${name}`);
  if (focus) {
    const heading = $(`#view-${name} h1`);
    heading.tabIndex = -1;
    heading.focus();
  }
  if (name === 'tenants') await guard(loadTenants);
  if (name === 'runs') await guard(loadRunsView);
  if (name === 'users' && !hasUsers()) await guard(searchUsers);
  if (name === 'directory') await guard(loadDirectory);
  if (name === 'inbound') await guard(() => loadInbound(0));
  if (name === 'audit') await guard(() => loadAudit(0));
  if (name === 'alerts') await guard(loadAlerts);
  if (name === 'connect') await guard(() => loadConnect(path || ''));
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
  if (state.view === 'tenants') await pollTenants();
  if (state.view === 'runs') await pollRuns();
  if (state.view === 'connect') await pollConnect();
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
  initRuns({ guard, say, confirmDialog, showView, schedulePoll, currentView: () => state.view });
  initUsers({ guard, say, confirmDialog, mayOperate });
  initDirectory({ guard, say, confirmDialog, mayOperate });
  initInbound(guard, say);
  initAudit(guard);
  initConnect({ guard, say, showView, schedulePoll });
  // an address typed or pasted into this tab (e.g. a connection's #connect/<id>) changes only the hash: no reload
  window.addEventListener('hashchange', () => {
    if (signedIn() && !$('#nav').hidden) guard(() => route(location.hash.slice(1)));
  });
  initTenants({ guard, say, openRunOf, startSync, approveRun, rejectRun, confirmDialog, schedulePoll, progressText, isActive });
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
