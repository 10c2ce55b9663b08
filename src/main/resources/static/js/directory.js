// The directory view: sites (with their email domains), the helpdesk settings, and the CSV import with its report.
import { api, ApiError } from './api.js';
import { $, el, replace } from './dom.js';

/** Loads the sites and the settings into the view. */
export async function loadDirectory() {
  const [sites, settings] = await Promise.all([api.sites(), api.settings()]);
  replace($('#sites-table tbody'), sites.length ? sites.map((s) => el('tr', { dataset: { site: s.id } },
    el('th', { scope: 'row' }, s.name),
    el('td', null, (s.emailDomains || []).join(', ') || el('span.muted', null, '—')),
    el('td', null, s.tenant ? ['synced by ', el('code', null, s.tenant)] : 'manual'),
    el('td', null, s.mainUserOnlyTickets ? 'main site user only' : 'every user')))
    : el('tr', null, el('td.empty', { colspan: 4 }, 'No sites yet.')));
  const select = $('#settings-default-site');
  replace(select, el('option', { value: '' }, '— none: their mail waits in Inbound mail —'),
    sites.map((s) => el('option', { value: String(s.id), selected: s.id === settings.defaultSiteId || undefined },
      s.tenant ? `${s.name} (${s.tenant})` : s.name)));
  $('#settings-auto-create').checked = !!settings.autoCreateUsersFromEmail;
}

export async function createSite(event, say) {
  event.preventDefault();
  const form = event.target;
  const name = form.elements.name.value.trim();
  const domains = form.elements.domains.value.split(/[,\s]+/).map((d) => d.trim()).filter(Boolean);
  $('#site-error').textContent = '';
  try {
    const site = await api.createSite({ name, emailDomains: domains });
    form.reset();
    say(`Site ${site.name} created.`, 'ok');
    await loadDirectory();
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    $('#site-error').textContent = e.message;
  }
}

export async function saveSettings(event, say) {
  event.preventDefault();
  const site = $('#settings-default-site').value;
  await api.putSettings({ autoCreateUsersFromEmail: $('#settings-auto-create').checked,
    defaultSiteId: site ? Number(site) : null });
  say('Settings saved.', 'ok');
}

const REPORT = [['created', 'created'], ['updated', 'updated'], ['unchanged', 'unchanged'],
  ['sitesCreated', 'sites created'], ['departmentsCreated', 'departments created']];

/**
 * Uploads the chosen CSV file as it is (the service reads its encoding and delimiter) and shows the report; like the
 * other handlers here, {@code say} announces the outcome in the page's status line.
 */
export async function importCsv(event, say) {
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
  say(`Import of ${file.name}: ${report.created} created, ${report.updated} updated, ${report.rejectedCount ?? 0} rejected.`,
    report.complete ? 'ok' : 'error');
  await loadDirectory();
}
