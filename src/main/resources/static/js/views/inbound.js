// The inbound mail view: every message POST /api/inbound-email received, with what became of it, newest first.
// Messages no site took (UNASSIGNED) can be assigned to a site here; the service then handles them like new mail.
import { api, ApiError } from '../api.js';
import { $, el, replace, timeEl, showPage } from '../dom.js';
import { coded, INBOUND } from '../reasons.js';


const view = { page: 0, sites: [] };

/** Loads one page of messages (the outcome filter as chosen) and the sites to assign to. */
export async function loadInbound(page = view.page) {
  const outcome = $('#inbound-outcome').value;
  const [answer, sites] = await Promise.all([api.inboundEmail({ outcome, page, size: 50 }), api.sites()]);
  view.page = page;
  view.sites = sites;
  const rows = answer.content || [];
  replace($('#inbound-table tbody'), rows.length ? rows.map(row)
    : el('tr', null, el('td.empty', { colspan: 5 }, outcome ? 'No messages with this outcome.' : 'No mail received yet.')));
  showPage('inbound', answer, 'message');
}

function row(m) {
  const outcome = coded(INBOUND, m.outcome, `span.badge.outcome-${m.outcome.toLowerCase()}`);
  const links = [];
  if (m.userId) links.push(`user ${m.userId}${m.userCreated ? ' (created)' : ''}`);
  if (m.ticketId) links.push(`ticket ${m.ticketId}`);
  return el('tr', { dataset: { message: m.id } },
    el('td', null, timeEl(m.receivedAt)),
    el('td', null, m.from || el('span.muted', null, '(none)')),
    el('td', null, m.subject || el('span.muted', null, '(no subject)')),
    el('td', null, outcome, el('div.muted', null, m.reason), links.length ? el('div.muted', null, links.join(', ')) : null),
    el('td', null, m.outcome === 'UNASSIGNED' ? assignForm(m) : null,
      el('button.btn.btn-ghost.btn-small', { type: 'button', 'data-show': m.id }, 'Show')));
}

function assignForm(m) {
  const id = `assign-site-${m.id}`;
  return el('form.assign', { 'data-assign': m.id },
    el('label.sr-only', { for: id }, `Site for message ${m.id}`),
    el('select', { id, name: 'site', required: true }, el('option', { value: '' }, 'Choose a site…'),
      view.sites.map((s) => el('option', { value: String(s.id) }, s.tenant ? `${s.name} (${s.tenant})` : s.name))),
    el('button.btn.btn-primary.btn-small', { type: 'submit' }, 'Assign'));
}

async function assign(form, say) {
  const siteId = form.elements.site.value;
  if (!siteId) {
    say('Choose the site to assign the message to.', 'error');
    form.elements.site.focus();
    return;
  }
  try {
    const outcome = await api.assignInboundEmail(form.dataset.assign, Number(siteId));
    say(`Message ${outcome.messageId}: ${outcome.reason}.`, outcome.outcome === 'TICKET_OPENED' ? 'ok' : 'info');
    await loadInbound();
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    say(`${e.message} (HTTP ${e.status})`, 'error');
  }
}

async function show(id) {
  const m = await api.inboundMessage(id);
  const panel = $('#inbound-detail');
  replace($('#inbound-detail-body'),
    el('dl.facts', null,
      el('dt', null, 'From'), el('dd', null, m.from || '(none)'),
      el('dt', null, 'Received'), el('dd', null, timeEl(m.receivedAt)),
      el('dt', null, 'Subject'), el('dd', null, m.subject || '(no subject)'),
      el('dt', null, 'Outcome'), el('dd', null, coded(INBOUND, m.outcome), `: ${m.reason}`),
      el('dt', null, 'Headers'), el('dd', null, m.headers ? el('pre', null, JSON.stringify(m.headers, null, 2)) : '(none)')),
    el('h3', null, 'Body'),
    el('pre.mail-body', null, m.body || '(empty)'));
  panel.hidden = false;
  $('#inbound-detail-title').focus();
}

/** Wires the view's controls once; {@code guard} reports errors, {@code say} announces outcomes. */
export function initInbound(guard, say) {
  $('#inbound-outcome').addEventListener('change', () => guard(() => loadInbound(0)));
  $('#inbound-prev').addEventListener('click', () => guard(() => loadInbound(Math.max(0, view.page - 1))));
  $('#inbound-next').addEventListener('click', () => guard(() => loadInbound(view.page + 1)));
  $('#inbound-detail-close').addEventListener('click', () => { $('#inbound-detail').hidden = true; });
  $('#inbound-table').addEventListener('submit', (e) => {
    e.preventDefault();
    guard(() => assign(e.target, say));
  });
  $('#inbound-table').addEventListener('click', (e) => {
    const button = e.target.closest('button[data-show]');
    if (button) guard(() => show(button.dataset.show));
  });
}
