// Create and edit a user in a dialog: the fields of the helpdesk's end-user form (site, names, email, phones,
// department, job title, RMM agent, main site user, no automatic tickets). Errors name the field they concern.
// A synced user's fields the directory owns (GET /api/users/{id} answers them as ownedFields) are locked, each with
// its owner (tenant, mapping file, rule) and where to change it instead; a Reader sees the whole form read-only.
import { api, ApiError } from './api.js';
import { $, el, replace } from './dom.js';

const TEXT_FIELDS = [
  ['firstName', 'First name', 'text'], ['lastName', 'Last name', 'text'], ['email', 'Email', 'email'],
  ['phone', 'Phone', 'tel'], ['mobilePhone', 'Mobile phone', 'tel'], ['jobTitle', 'Job title', 'text'],
  ['agentId', 'Device agent (RMM id)', 'text'],
];

// the form being shown: { owned: field → owner, readOnly }
let shown = { owned: {}, readOnly: false };

/** Who owns {@code name} (locked), or null when it may be edited here. */
const ownerOf = (name) => shown.owned[name] || null;
const locked = (name) => shown.readOnly || Boolean(ownerOf(name));

/** The line under a locked field: its owner; where to change it instead in the tooltip (the 409's words). */
function ownerNote(name) {
  const owner = ownerOf(name);
  if (!owner) return null;
  return el('p.owner-note', { id: `uf-${name}-owner`, dataset: { owner: owner.tenant }, title: `To change it: ${owner.remedy}` },
    el('strong', null, 'Locked'), ': owned by tenant ', el('strong', null, owner.tenant), ' (',
    el('code', null, owner.file), ', ', el('code', null, owner.rule), ').');
}

const describedBy = (name) => [`uf-${name}-error`, ownerOf(name) ? `uf-${name}-owner` : null].filter(Boolean).join(' ');

function input(name, label, type, value, required) {
  return el(`div.field${ownerOf(name) ? '.owned' : ''}`, null,
    el('label', { for: `uf-${name}` }, label, required ? el('span.req', { 'aria-hidden': 'true' }, ' *') : null),
    el('input', { id: `uf-${name}`, name, type, value: value ?? '', required: required || undefined, spellcheck: 'false',
      readonly: locked(name) || undefined, 'aria-describedby': describedBy(name) }),
    ownerNote(name),
    el('p.field-error', { id: `uf-${name}-error`, role: 'alert' }));
}

function select(name, label, options, value, required) {
  // a select cannot be read-only: disabled, its value is still read by values() (and then unchanged)
  return el(`div.field${ownerOf(name) ? '.owned' : ''}`, null,
    el('label', { for: `uf-${name}` }, label, required ? el('span.req', { 'aria-hidden': 'true' }, ' *') : null),
    el('select', { id: `uf-${name}`, name, required: required || undefined, disabled: locked(name) || undefined,
      'aria-describedby': describedBy(name) },
      required ? null : el('option', { value: '' }, '— none —'),
      options.map((o) => el('option', { value: String(o.id), selected: String(o.id) === String(value ?? '') || undefined },
        o.name))),
    ownerNote(name),
    el('p.field-error', { id: `uf-${name}-error`, role: 'alert' }));
}

function checkbox(name, label, checked) {
  return el(`div.field.check${ownerOf(name) ? '.owned' : ''}`, null,
    el('input', { id: `uf-${name}`, name, type: 'checkbox', checked: checked || undefined,
      disabled: locked(name) || undefined, 'aria-describedby': describedBy(name) }),
    el('label', { for: `uf-${name}` }, label),
    ownerNote(name),
    el('p.field-error', { id: `uf-${name}-error`, role: 'alert' }));
}

/** The form's values as the API takes them; on edit only what changed (a JSON merge patch), never a locked field. */
function values(form, user) {
  const body = {};
  const put = (name, value) => {
    const before = user ? user[name] ?? null : null;
    if (!user || (value !== before && !locked(name))) body[name] = value;
  };
  TEXT_FIELDS.forEach(([name]) => {
    const v = form.elements[name].value.trim();
    put(name, v === '' ? null : v);
  });
  put('siteId', form.elements.siteId.value ? Number(form.elements.siteId.value) : null);
  put('departmentId', form.elements.departmentId.value ? Number(form.elements.departmentId.value) : null);
  put('mainSiteUser', form.elements.mainSiteUser.checked);
  put('autoTicketDisabled', form.elements.autoTicketDisabled.checked);
  if (!user) Object.keys(body).forEach((k) => { if (body[k] === null) delete body[k]; });
  return body;
}

/**
 * The service refused to make a WEAK (email-created, unverified) account main site user without confirmation: show
 * its reason under the checkbox and ask for an explicit "yes", sent as {@code confirmWeak} with the next save.
 */
function askWeakConfirmation(form, reason) {
  const main = form.elements.mainSiteUser;
  if (!form.elements.confirmWeak) {
    main.closest('.field').after(el('div.field.check.confirm-weak', null,
      el('input', { id: 'uf-confirmWeak', name: 'confirmWeak', type: 'checkbox', 'aria-describedby': 'uf-mainSiteUser-error' }),
      el('label', { for: 'uf-confirmWeak' }, 'Yes, make this unverified account the main site user')));
  }
  const error = $('#uf-mainSiteUser-error');
  if (error) error.textContent = reason;
  main.setAttribute('aria-invalid', 'true');
  form.elements.confirmWeak.focus();
}

/**
 * Opens the form for {@code user} (null: a new user; else as GET /api/users/{id} answers it, with ownedFields) and
 * resolves with the saved user, or null when cancelled. {@code readOnly}: the caller may not edit (a Reader).
 */
export async function openUserForm(user, { readOnly = false } = {}) {
  const [sites, departments] = await Promise.all([api.sites(), api.departments()]);
  const dialog = $('#user-form-dialog');
  const form = $('#user-form');
  shown = { owned: (user && user.ownedFields) || {}, readOnly };
  const ownedCount = Object.keys(shown.owned).length;
  $('#user-form-title').textContent = user ? `${readOnly ? '' : 'Edit '}${user.email}` : 'New user';
  $('#user-form-save').hidden = readOnly;
  $('#user-form-cancel').textContent = readOnly ? 'Close' : 'Cancel';
  replace($('#user-form-fields'),
    select('siteId', 'Site', sites, user ? user.siteId : '', true),
    TEXT_FIELDS.map(([name, label, type]) => input(name, label, type, user ? user[name] : '', name === 'email')),
    select('departmentId', 'Department', departments, user ? user.departmentId : '', false),
    checkbox('mainSiteUser', 'Main site user (sees all of the site\'s tickets)', user && user.mainSiteUser),
    checkbox('autoTicketDisabled', 'No automatic tickets from this user\'s emails', user && user.autoTicketDisabled),
    readOnly ? el('p.muted.hint', null, 'You may read this user; editing needs the Operator role.') : null,
    user && user.tenant && ownedCount ? el('p.muted.hint', { id: 'uf-owned-hint' }, `Synced from ${user.tenant}: `
      + `the ${ownedCount} locked fields belong to its directory and are changed in Entra or in the mapping file, `
      + 'not here.') : null);
  $('#user-form-error').textContent = '';
  dialog.showModal();
  const first = [...form.elements].find((f) => f.matches('input, select') && !f.disabled && !f.readOnly);
  (first || $('#user-form-cancel')).focus();
  return new Promise((resolve) => {
    const cancel = () => { dialog.close(); cleanup(); resolve(null); };
    const submit = async (event) => {
      event.preventDefault();
      if (shown.readOnly) {
        cancel();
        return;
      }
      form.querySelectorAll('.field-error').forEach((p) => { p.textContent = ''; });
      form.querySelectorAll('[aria-invalid]').forEach((f) => f.removeAttribute('aria-invalid'));
      $('#user-form-error').textContent = '';
      try {
        const body = values(form, user);
        if (form.elements.confirmWeak && form.elements.confirmWeak.checked) body.confirmWeak = true;
        const saved = user ? await api.patchUser(user.id, body) : await api.createUser(body);
        dialog.close();
        cleanup();
        resolve(saved);
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        const field = e.problem && e.problem.field;
        if (field === 'confirmWeak') {
          askWeakConfirmation(form, e.message);
          return;
        }
        const target = field && form.elements[field];
        if (target) {
          target.setAttribute('aria-invalid', 'true');
          $(`#uf-${field}-error`).textContent = e.message;
          target.focus();
        } else {
          $('#user-form-error').textContent = e.message;
        }
      }
    };
    const cleanup = () => {
      form.removeEventListener('submit', submit);
      $('#user-form-cancel').removeEventListener('click', cancel);
    };
    form.addEventListener('submit', submit);
    $('#user-form-cancel').addEventListener('click', cancel);
  });
}
