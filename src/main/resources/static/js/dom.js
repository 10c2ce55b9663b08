// Tiny DOM helpers: all text is inserted as text nodes (no HTML parsing), so API data cannot inject markup.

export const $ = (selector, root = document) => root.querySelector(selector);

/** el('td.num', {colspan: 2}, 'text', childNode, ...) */
export function el(tag, attrs, ...children) {
  const [name, ...classes] = tag.split('.');
  const node = document.createElement(name);
  if (classes.length) node.className = classes.join(' ');
  if (attrs) {
    Object.entries(attrs).forEach(([k, v]) => {
      if (v === undefined || v === null || v === false) return;
      if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
      else if (k === 'dataset') Object.assign(node.dataset, v);
      else node.setAttribute(k, v === true ? '' : String(v));
    });
  }
  append(node, children);
  return node;
}

function append(node, children) {
  children.flat(Infinity).forEach((c) => {
    if (c === undefined || c === null || c === false) return;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  });
}

export function replace(node, ...children) {
  node.replaceChildren();
  append(node, children);
}

/** A term and its description, for a <dl class="facts">. */
export const fact = (label, value) => [el('dt', null, label), el('dd', null, value)];

const SVG = 'http://www.w3.org/2000/svg';
export function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG, tag);
  Object.entries(attrs || {}).forEach(([k, v]) => { if (v !== undefined && v !== null) node.setAttribute(k, String(v)); });
  append(node, children);
  return node;
}

// ---- formatting ----

// Every time the page shows goes through these two formatters: in the browser's own time zone (Intl's default),
// with the zone's name, because admins of one tenant sit in several zones and schedules have their own. The API
// answers UTC instants; the tooltip gives the same time to the second, with the zone's full name.
const dateTime = new Intl.DateTimeFormat(undefined, {
  year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short',
});
const exact = new Intl.DateTimeFormat(undefined, {
  year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', second: '2-digit',
  timeZoneName: 'long',
});

const parse = (iso) => {
  const d = iso instanceof Date ? iso : new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
};

/** An instant in the browser's zone: "Dec 6, 2026, 2:15 PM GMT+1"; "—" for none. */
export function when(iso) {
  if (!iso) return '—';
  const d = parse(iso);
  return d ? dateTime.format(d) : String(iso);
}

/** The same instant to the second, with the zone's long name (for tooltips). */
export function whenExactly(iso) {
  if (!iso) return '';
  const d = parse(iso);
  return d ? exact.format(d) : String(iso);
}

/** A <time> element: the short form shown, the exact one in the tooltip, the instant in datetime. */
export function timeEl(iso) {
  return iso ? el('time', { datetime: iso, title: whenExactly(iso) }, when(iso)) : '—';
}

/** A date input's value (a day in the browser's zone) as the instant its day starts; '' for none. */
export function startOfDay(day) {
  if (!day) return '';
  const d = new Date(`${day}T00:00:00`); // a date-time without offset is local time
  return Number.isNaN(d.getTime()) ? '' : d.toISOString();
}

export function duration(ms) {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1000) return `${ms} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(s < 10 ? 1 : 0)} s`;
  const m = Math.floor(s / 60);
  const rest = Math.round(s % 60);
  if (m < 60) return `${m} min ${rest} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

export const COUNT_KEYS = ['created', 'updated', 'linked', 'moved', 'deactivated', 'reactivated', 'skipped', 'failed'];

/** Users actually changed (or planned to be): everything but unchanged. */
export function changed(counts) {
  if (!counts) return 0;
  return COUNT_KEYS.reduce((sum, k) => sum + (counts[k] || 0), 0);
}

/** Non-zero counts in words: "4 created, 1 linked", or "no changes". */
export function countsText(counts) {
  if (!counts) return '';
  const parts = COUNT_KEYS.filter((k) => counts[k]).map((k) => `${counts[k]} ${k}`);
  return parts.length ? parts.join(', ') : 'no changes';
}

/** "1 user", "3 users". */
export const plural = (n, word) => `${n} ${word}${Number(n) === 1 ? '' : 's'}`;

/**
 * A paged list's count line and Previous/Next buttons (ids #{prefix}-count, -prev, -next), from the API's page
 * block: "120 events, page 2 of 3".
 */
export function showPage(prefix, answer, noun) {
  const info = answer.page || { number: 0, totalPages: 0, totalElements: (answer.content || []).length };
  $(`#${prefix}-count`).textContent = plural(info.totalElements, noun)
    + (info.totalPages > 1 ? `, page ${info.number + 1} of ${info.totalPages}` : '');
  $(`#${prefix}-prev`).disabled = info.number <= 0;
  $(`#${prefix}-next`).disabled = info.number + 1 >= info.totalPages;
}

export function statusBadge(status) {
  return el(`span.badge.status-${String(status).toLowerCase()}`, null, status);
}
