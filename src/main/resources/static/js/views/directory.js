// The directory view: sites (with their email domains and who sees their tickets), editable in place; the
// departments users belong to (rename, delete); the helpdesk settings; and the CSV import with its report. Edits
// need the Operator role: a Reader sees the same tables without their buttons and forms.
import { api, ApiError } from '../api.js';
import { $, el, replace } from '../dom.js';

let app; // { guard, say, confirmDialog, mayOperate }

/** Loads the sites, departments and settings into the view. */
export async function loadDirectory() {
  const [sites, departments, settings] = await Promise.all([api.sites(), api.departments(), api.settings()]);
  const may = app.mayOperate();
  $('#site-form').hidden = !may;
  $('#site-error').textContent = ''; // an error was about the form this render replaces
  $('#department-error').textContent = '';
  replace($('#sites-table tbody'), sites.length ? sites.map((s) => siteRow(s, may))
    : el('tr', null, el('td.empty', { colspan: 5 }, 'No sites yet.')));
  replace($('#departments-table tbody'), departments.length ? departments.map((d) => departmentRow(d, may))
    : el('tr', null, el('td.empty', { colspan: 2 }, 'No departments yet.')));
  const select = $('#settings-default-site');
  replace(select, el('option', { value: '' }, '— none: their mail waits in Inbound mail —'),
    sites.map((s) => el('option', { value: String(s.id), selected: s.id === settings.defaultSiteId || undefined },
      s.tenant ? `${s.name} (${s.tenant})` : s.name)));
  $('#settings-auto-create').checked = !!settings.autoCreateUsersFromEmail;
}

const domainsText = (s) => (s.emailDomains || []).join(', ');
const domainList = (text) => text.split(/[,\s]+/).map((d) => d.trim()).filter(Boolean);

function siteRow(s, may) {
  return el('tr', { dataset: { site: s.id } },
    el('th', { scope: 'row' }, s.name),
    el('td.domains', null, domainsText(s) || el('span.muted', null, '—')),
    el('td', null, s.tenant ? ['synced by ', el('code', null, s.tenant)] : 'manual'),
    el('td', null, s.mainUserOnlyTickets ? 'main site user only' : 'every user'),
    el('td', null, may ? el('button.btn.btn-small', { type: 'button', dataset: { action: 'edit-site' },
      'aria-label': `Edit site ${s.name}`, onclick: (e) => editSite(e.target.closest('tr'), s) }, 'Edit') : null));
}

/**
 * Turns the site's row into a form: name (a site a tenant's mapping placed is renamed in the mapping, so its name is
 * read-only here), email domains, and who sees the site's tickets. Saves with PATCH /api/sites/{id}.
 */
function editSite(row, s) {
  const id = `site-edit-${s.id}`;
  const form = el('form.search-bar.site-edit', { dataset: { site: s.id }, 'aria-label': `Edit site ${s.name}` },
    el('div.field', null, el('label', { for: `${id}-name` }, 'Name'),
      el('input', { id: `${id}-name`, name: 'name', value: s.name, required: true, readonly: s.tenant ? true : undefined,
        title: s.tenant ? `Placed by the mapping of ${s.tenant}: rename it in the mapping file` : null })),
    el('div.field.grow', null, el('label', { for: `${id}-domains` }, 'Email domains (comma-separated)'),
      el('input', { id: `${id}-domains`, name: 'domains', value: domainsText(s), spellcheck: 'false' })),
    el('div.field.check', null,
      el('input', { id: `${id}-main-only`, name: 'mainUserOnly', type: 'checkbox', checked: s.mainUserOnlyTickets || undefined }),
      el('label', { for: `${id}-main-only` }, 'Only the main site user sees the site\'s tickets')),
    el('button.btn.btn-primary.btn-small', { type: 'submit' }, 'Save'),
    el('button.btn.btn-ghost.btn-small', { type: 'button', onclick: () => app.guard(loadDirectory) }, 'Cancel'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    app.guard(() => saveSite(form, s));
  });
  replace(row, el('td', { colspan: 5 }, form));
  form.elements[s.tenant ? 'domains' : 'name'].focus();
}

async function saveSite(form, s) {
  const body = { emailDomains: domainList(form.elements.domains.value),
    mainUserOnlyTickets: form.elements.mainUserOnly.checked };
  const name = form.elements.name.value.trim();
  if (name !== s.name) body.name = name;
  $('#site-error').textContent = '';
  try {
    const saved = await api.patchSite(s.id, body);
    app.say(`Site ${saved.name} saved.`, 'ok');
    await loadDirectory();
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    $('#site-error').textContent = e.message;
    const field = e.problem && e.problem.field === 'emailDomains' ? 'domains' : 'name';
    form.elements[field].setAttribute('aria-invalid', 'true');
    form.elements[field].focus();
  }
}

function departmentRow(d, may) {
  return el('tr', { dataset: { department: d.id } },
    el('th', { scope: 'row' }, d.name),
    el('td', null, may ? el('div.row-actions', null,
      el('button.btn.btn-small', { type: 'button', dataset: { action: 'rename-department' },
        'aria-label': `Rename department ${d.name}`, onclick: (e) => renameDepartment(e.target.closest('tr'), d) }, 'Rename'),
      el('button.btn.btn-small.btn-danger-ghost', { type: 'button', dataset: { action: 'delete-department' },
        'aria-label': `Delete department ${d.name}`, onclick: () => app.guard(() => deleteDepartment(d)) }, 'Delete'))
      : null));
}

function renameDepartment(row, d) {
  const id = `department-edit-${d.id}`;
  const form = el('form.search-bar.department-edit', { dataset: { department: d.id } },
    el('div.field.grow', null, el('label', { for: id }, `New name of ${d.name}`),
      el('input', { id, name: 'name', value: d.name, required: true })),
    el('button.btn.btn-primary.btn-small', { type: 'submit' }, 'Save'),
    el('button.btn.btn-ghost.btn-small', { type: 'button', onclick: () => app.guard(loadDirectory) }, 'Cancel'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    app.guard(() => saveDepartment(form, d));
  });
  replace(row, el('td', { colspan: 2 }, form));
  form.elements.name.select();
}

async function saveDepartment(form, d) {
  $('#department-error').textContent = '';
  try {
    const saved = await api.renameDepartment(d.id, form.elements.name.value.trim());
    app.say(`Department ${d.name} renamed to ${saved.name}.`, 'ok');
    await loadDirectory();
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    $('#department-error').textContent = e.message;
    form.elements.name.setAttribute('aria-invalid', 'true');
    form.elements.name.focus();
  }
}

async function deleteDepartment(d) {
  const ok = await app.confirmDialog(`Delete department ${d.name}?`,
    'Only a department no user belongs to can be deleted; otherwise the service says how many users are in it.',
    'Delete');
  if (!ok) return;
  $('#department-error').textContent = '';
  try {
    await api.deleteDepartment(d.id);
    app.say(`Department ${d.name} deleted.`, 'ok');
    await loadDirectory();
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    $('#department-error').textContent = e.message;
  }
}

/** Wires the view's controls once; {@code context}: guard, say, confirmDialog, mayOperate. */
export function initDirectory(context) {
  app = context;
  $('#site-form').addEventListener('submit', (e) => app.guard(() => createSite(e)));
  $('#settings-form').addEventListener('submit', (e) => app.guard(() => saveSettings(e)));
  $('#import-form').addEventListener('submit', (e) => app.guard(() => importCsv(e)));
}

async function createSite(event) {
  event.preventDefault();
  const form = event.target;
  const name = form.elements.name.value.trim();
  const domains = domainList(form.elements.domains.value);
  $('#site-error').textContent = '';
  try {
    const site = await api.createSite({ name, emailDomains: domains });
    form.reset();
    app.say(`Site ${site.name} created.`, 'ok');
    await loadDirectory();
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    $('#site-error').textContent = e.message;
  }
}

async function saveSettings(event) {
  event.preventDefault();
  const site = $('#settings-default-site').value;
  await api.putSettings({ autoCreateUsersFromEmail: $('#settings-auto-create').checked,
    defaultSiteId: site ? Number(site) : null });
  app.say('Settings saved.', 'ok');
}

const REPORT = [['created', 'created'], ['updated', 'updated'], ['unchanged', 'unchanged'],
  ['sitesCreated', 'sites created'], ['departmentsCreated', 'departments created']];

/**
 * Uploads the chosen CSV file as it is (the service reads its encoding and delimiter) and shows the report; the
 * outcome is announced in the page's status line too.
 */
async function importCsv(event) {
  event.preventDefault();
  const file = $('#import-file').files[0];
  if (!file) {
    $('#import-error').textContent = 'Choose a CSV file first.';
    return;
  }
  $('#import-error').textContent = '';
  let report;
  try {
    report = await api.importCsv(file);
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    $('#import-error').textContent = e.message;
    return;
  }
  const known = new Set([...REPORT.map(([k]) => k), 'rejected', 'rejectedCount', 'complete']);
  const extra = Object.entries(report).filter(([k, v]) => !known.has(k) && v !== null && typeof v !== 'object');
  replace($('#import-report'),
    el('p', { class: report.complete ? 'notice-info' : 'notice-warn' }, report.complete
      ? `Imported ${file.name}.` : `The import of ${file.name} stopped early; rows before the line named below were applied.`),
    el('ul.chips', null, REPORT.map(([k, label]) => el('li.chip', null, `${report[k] ?? 0} ${label}`)),
      el('li.chip', null, `${report.rejectedCount ?? (report.rejected || []).length} rejected`)),
    extra.length ? el('p.muted', null, extra.map(([k, v]) => `${k}: ${v}`).join(' · ')) : null,
    report.rejected && report.rejected.length ? el('table.table', { id: 'import-rejected' },
      el('caption.sr-only', null, 'Rejected rows'),
      el('thead', null, el('tr', null, el('th', { scope: 'col' }, 'Line'), el('th', { scope: 'col' }, 'Problem'))),
      el('tbody', null, report.rejected.map((r) => el('tr', null, el('td.num', null, String(r.line)), el('td', null, r.error)))))
      : null);
  app.say(`Import of ${file.name}: ${report.created} created, ${report.updated} updated, ${report.rejectedCount ?? 0} rejected.`,
    report.complete ? 'ok' : 'error');
  await loadDirectory();
}
