// The alerts view: the conditions open now (held, failing, invalid mapping, broken notifications, a hold waiting
// for a decision) and the newest alerts with the state of each delivery (webhook, e-mail), so a failed delivery is
// seen here as well as in the log. Read-only: alerts end when the tenant recovers.
import { api } from '../api.js';
import { $, el, replace, timeEl, plural } from '../dom.js';
import { coded } from '../reasons.js';

const STATES = {
  held: 'held',
  failing: 'failing',
  invalid: 'mapping invalid',
  'notifications-broken': 'notifications broken',
  'hold-waiting': 'plan waiting > 1 day',
};

/** Loads the open conditions and the newest alerts. */
export async function loadAlerts() {
  const answer = await api.alerts({ limit: 100 });
  $('#alerts-channels').textContent = answer.channels.length
    ? `Alerts are sent by ${answer.channels.map((c) => (c === 'EMAIL' ? 'e-mail' : 'webhook')).join(' and ')}.`
    : 'No alert channel is configured: conditions are tracked here and as Prometheus gauges, nothing is sent.';
  replace($('#alerts-open tbody'), answer.open.length ? answer.open.map(openRow)
    : el('tr', null, el('td.empty', { colspan: 4 }, 'Every tenant is fine.')));
  replace($('#alerts-recent tbody'), answer.recent.length ? answer.recent.map(alertRow)
    : el('tr', null, el('td.empty', { colspan: 4 }, 'No alert yet.')));
}

function condition(state) {
  return coded(STATES, state, 'span.badge.warn');
}

function openRow(c) {
  return el('tr', null,
    el('td', null, c.tenant),
    el('td', null, condition(c.condition)),
    el('td', null, timeEl(c.openedAt)),
    el('td', null, c.detail));
}

function alertRow(a) {
  const event = a.event === 'resolved' ? el('span.badge.ok', null, 'resolved') : condition(a.condition);
  return el('tr', null,
    el('td', null, timeEl(a.createdAt)),
    el('td', null, a.tenant),
    el('td', null, event, el('div.muted', null, a.detail)),
    el('td', null, a.deliveries.length ? a.deliveries.map(delivery) : el('span.muted', null, 'not sent (no channel)')));
}

function delivery(d) {
  const channel = d.channel === 'EMAIL' ? 'e-mail' : 'webhook';
  const badge = d.state === 'SENT' ? 'ok' : d.state === 'FAILED' ? 'bad' : 'warn';
  return el('div', null,
    el(`span.badge.${badge}`, null, `${channel}: ${d.state.toLowerCase()}`), ' ',
    el('span.muted', null, plural(d.attempts, 'attempt')),
    d.lastError ? el('div.muted', null, d.lastError) : null);
}
