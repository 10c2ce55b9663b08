// Connecting a customer tenant: the "Connect a customer" dialog of the Tenants view (Admin), which sends the window to
// Microsoft's admin-consent page, and the view #connect/<id> the admin lands on afterwards: status, organization,
// domains, the connection check, the tenant file (written, or its text to commit) and a group picker that rewrites
// the file. #connect/error/<reason> tells why a consent answer was not accepted.
import { api, ApiError } from '../api.js';
import { $, el, replace, timeEl, fact } from '../dom.js';
import { checkLines } from '../reasons.js';

/** What app.js lends this view: error handling, the status line, navigation and the page's polling. */
let app = null;

const view = {
  id: null,
  scope: [], // group display names
  sites: [], // { group, site }
};

const STATUS_WORDS = {
  waiting: 'Waiting for the customer\'s administrator to answer on Microsoft\'s consent page.',
  connected: 'Connected: the consent is proven and the tenant file is made.',
  refused: 'Not connected: the customer\'s administrator did not grant access.',
  failed: 'Not connected: the connection could not be completed.',
  expired: 'Not connected: nobody answered on the consent page within 15 minutes. Start again with "Connect a customer".',
};

/** Error codes in plain words; the code and Microsoft's text follow in smaller print. */
const ERROR_WORDS = {
  access_denied: 'The administrator chose Cancel on Microsoft\'s consent page. Start again when they are ready.',
  consent_required: 'Microsoft did not record the consent. Ask the administrator to accept on the consent page.',
  invalid_request: 'Microsoft refused the consent request as malformed. Check the MSP app\'s settings.',
  invalid_scope: 'Microsoft refused the permissions asked for. Check the MSP app\'s API permissions.',
  tenant_mismatch: 'The answer named a tenant that a token for it does not confirm. Nothing was written.',
  tenant_already_connected: 'This customer is connected already, under another tenant file. Nothing was written.',
  template_invalid: 'The template is not valid. Fix the template file, then connect again.',
  file_exists: 'A file for this tenant exists already; it was left as it is.',
  invalid_callback: 'The answer from Microsoft said neither yes nor no.',
  internal_error: 'Something went wrong on the server; see its log.',
};

/** Why a consent answer was not accepted (#connect/error/<reason>). */
const STATE_REASONS = {
  'state-missing': 'The answer from Microsoft carried no state, so it cannot be matched to a connection you started.',
  'state-unknown': 'The answer from Microsoft does not belong to any connection started here.',
  'state-used': 'This consent answer was handled already. Open the connection from the Tenants view, or start again.',
  'state-expired': 'The connection was started more than 15 minutes ago and has expired. Start it again.',
  forbidden: 'Another person started this connection; only they can complete it.',
  invalid: 'The answer from Microsoft could not be used. Start the connection again.',
};

export function initConnect(helpers) {
  app = helpers;
  $('#connect-open').addEventListener('click', openDialog);
  $('#connect-cancel').addEventListener('click', () => $('#connect-dialog').close());
  $('#connect-form').addEventListener('submit', (e) => app.guard(() => startConnect(e)));
  $('#connect-back').addEventListener('click', () => app.showView('tenants'));
  $('#connect-group-search').addEventListener('submit', (e) => app.guard(() => searchGroups(e)));
  $('#connect-group-save').addEventListener('click', () => app.guard(saveGroups));
}

/** Shows the button to Admin callers only (the caller's role is probed by app.js). */
export function allowConnect(allowed) {
  $('#connect-open').hidden = !allowed;
}

function openDialog() {
  $('#connect-error').textContent = '';
  $('#connect-tenant').value = '';
  $('#connect-dialog').showModal();
  $('#connect-tenant').focus();
}

/** POST /api/tenants/connect, then the whole window goes to the consent page (Microsoft sends it back here). */
async function startConnect(event) {
  event.preventDefault();
  const tenant = $('#connect-tenant').value.trim();
  const template = $('#connect-template').value.trim() || undefined;
  if (!tenant) {
    $('#connect-error').textContent = 'Enter the tenant key: it becomes the file name, e.g. fabrikam.';
    $('#connect-tenant').focus();
    return;
  }
  let started;
  try {
    started = await api.connect(tenant, template);
  } catch (e) {
    if (e instanceof ApiError) {
      $('#connect-error').textContent = e.message;
      return;
    }
    throw e;
  }
  $('#connect-start').disabled = true;
  app.say('Opening Microsoft\'s consent page…');
  window.location.assign(started.consentUrl);
}

/** Shows #connect/<id> (or #connect/error/<reason>). */
export async function loadConnect(route) {
  const [first, second] = route.split('/');
  if (first === 'error') {
    view.id = null;
    $('#connect-groups').hidden = true;
    replace($('#connect-body'), el('div.panel', { role: 'alert' },
      el('p', null, el('strong', null, 'The consent answer was not accepted. '),
        STATE_REASONS[second] || STATE_REASONS.invalid)));
    return;
  }
  if (view.id !== first) {
    view.scope = [];
    view.sites = [];
    replace($('#connect-group-results'));
  }
  view.id = first;
  render(await api.connection(first));
}

/**
 * One poll of app.js while this view shows a waiting connection: the consent may be given in another tab or by the
 * customer's administrator.
 */
export async function pollConnect() {
  if (view.id) await loadConnect(view.id);
}

function render(outcome) {
  if (!view.scope.length && outcome.file) view.scope = scopeOf(outcome.file.content);
  const org = outcome.organization;
  replace($('#connect-body'), el('div.panel', null,
    el('p', null, el(`span.badge.${badgeOf(outcome.status)}`, { id: 'connect-status', dataset: { status: outcome.status } }, outcome.status), ' ',
      STATUS_WORDS[outcome.status] || outcome.status),
    el('dl.facts', null,
      fact('Tenant key', outcome.tenant),
      fact('Template', outcome.template),
      outcome.tenantId ? fact('Tenant id', outcome.tenantId) : null,
      org ? fact('Organization', el('span', { id: 'connect-organization' }, org.displayName)) : null,
      org ? fact('Verified domains', (org.verifiedDomains || []).join(', ')) : null,
      fact('Started', outcome.startedBy ? [outcome.startedBy.name || outcome.startedBy.id, ', ', timeEl(outcome.startedAt)]
        : timeEl(outcome.startedAt))),
    outcome.error ? errorBlock(outcome.error) : null,
    outcome.check ? checkBlock(outcome.check) : null,
    outcome.file ? fileBlock(outcome.file) : null));
  $('#connect-groups').hidden = outcome.status !== 'connected';
  renderChosen();
  if (outcome.status === 'waiting') app.schedulePoll();
}

const badgeOf = (status) => (status === 'connected' ? 'ok' : status === 'waiting' ? 'warn' : 'bad');

function errorBlock(error) {
  return el('div.error-block', { role: 'alert', id: 'connect-error-text' },
    el('p', null, el('strong', null, ERROR_WORDS[error.code] || 'The connection did not complete.')),
    el('p.muted', null, el('code', null, error.code || 'error'), error.description ? ` — ${error.description}` : ''));
}

function checkBlock(check) {
  return el('div.check-result', { role: 'group', 'aria-label': 'Connection check' },
    el('p', null, el('strong', null, check.ok ? 'Connection check passed' : 'Connection check failed')),
    checkLines(check.checks));
}

function fileBlock(file) {
  return el('div', { id: 'connect-file' },
    el('p', null, file.written
      ? [el('strong', null, `Written: ${file.path}`), ' — the tenant is loaded and syncs on its schedule.']
      : [el('strong', null, `Commit this file as ${file.path}`),
        ': the mappings directory here is read-only (e.g. a Kubernetes ConfigMap), so it was not written.']),
    el('pre.file-text', { id: 'connect-file-text' }, file.content));
}

/** The scope groups of the generated file ("scope: { groups: [A, B] }"), to start the picker from. */
function scopeOf(content) {
  const line = (content || '').split('\n').find((l) => l.trim().startsWith('scope:'));
  const inner = line && line.match(/groups:\s*\[(.*)\]/);
  if (!inner) return [];
  return inner[1].split(',').map((g) => g.trim().replace(/^["']|["']$/g, '')).filter(Boolean);
}

async function searchGroups(event) {
  event.preventDefault();
  const q = $('#connect-group-q').value.trim();
  const answer = await api.connectionGroups(view.id, q);
  const groups = answer.groups || [];
  replace($('#connect-group-results'), groups.length ? groups.map(groupRow)
    : el('li.muted', null, q ? `No group starts with "${q}".` : 'No groups found.'));
}

function groupRow(group) {
  const siteInput = el('input', { type: 'text', 'aria-label': `Site for ${group.displayName}`,
    placeholder: 'site, e.g. Berlin', size: 14 });
  return el('li.group-row', { dataset: { group: group.displayName } },
    el('strong', null, group.displayName), group.description ? el('span.muted', null, ` — ${group.description}`) : null,
    ' ',
    el('button.btn.btn-small', { type: 'button', onclick: () => addScope(group.displayName) }, 'Add to scope'),
    ' ', siteInput, ' ',
    el('button.btn.btn-small', { type: 'button', onclick: () => addSite(group.displayName, siteInput) }, 'Add site rule'));
}

function addScope(name) {
  if (!view.scope.includes(name)) view.scope.push(name);
  renderChosen();
}

function addSite(group, input) {
  const site = input.value.trim() || group.replace(/ Office$/, '');
  view.sites = view.sites.filter((r) => r.group !== group).concat([{ group, site }]);
  renderChosen();
}

function renderChosen() {
  const items = [
    ...view.scope.map((g) => el('li', null, 'Scope: ', el('strong', null, g), ' ',
      el('button.btn.btn-small', { type: 'button', 'aria-label': `Remove ${g} from the scope`,
        onclick: () => { view.scope = view.scope.filter((x) => x !== g); renderChosen(); } }, 'Remove'))),
    ...view.sites.map((r) => el('li', null, 'Site rule: ', el('strong', null, r.group), ` → ${r.site} `,
      el('button.btn.btn-small', { type: 'button', 'aria-label': `Remove the site rule of ${r.group}`,
        onclick: () => { view.sites = view.sites.filter((x) => x !== r); renderChosen(); } }, 'Remove'))),
  ];
  replace($('#connect-group-chosen'), items.length ? items : el('li.muted', null, 'Nothing chosen yet.'));
  $('#connect-group-save').disabled = !view.scope.length;
}

/** PUT …/groups: the server rewrites the tenant file; the view shows the new one. */
async function saveGroups() {
  const outcome = await api.pickConnectionGroups(view.id, { scope: view.scope, sites: view.sites });
  render(outcome);
  app.say(outcome.file && outcome.file.written ? `Saved: ${outcome.file.path} now names the chosen groups.`
    : 'Saved: commit the file shown.', 'ok');
}
