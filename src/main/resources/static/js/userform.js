// Create and edit a user in a dialog: the fields of the helpdesk's end-user form (site, names, email, phones,
// department, job title, RMM agent, main site user, no automatic tickets). Errors name the field they concern.
import { api, ApiError } from './api.js';
import { $, el, replace } from './dom.js';

const TEXT_FIELDS = [
  ['firstName', 'First name', 'text'], ['lastName', 'Last name', 'text'], ['email', 'Email', 'email'],
  ['phone', 'Phone', 'tel'], ['mobilePhone', 'Mobile phone', 'tel'], ['jobTitle', 'Job title', 'text'],
  ['agentId', 'Device agent (RMM id)', 'text'],
];

function input(name, label, type, value, required) {
  return el('div.field', null,
    el('label', { for: `uf-${name}` }, label, required ? el('span.req', { 'aria-hidden': 'true' }, ' *') : null),
    el('input', { id: `uf-${name}`, name, type, value: value ?? '', required: required || undefined, spellcheck: 'false',
      'aria-describedby': `uf-${name}-error` }),
    el('p.field-error', { id: `uf-${name}-error`, role: 'alert' }));
}

function select(name, label, options, value, required) {
  return el('div.field', null,
    el('label', { for: `uf-${name}` }, label, required ? el('span.req', { 'aria-hidden': 'true' }, ' *') : null),
    el('select', { id: `uf-${name}`, name, required: required || undefined, 'aria-describedby': `uf-${name}-error` },
      required ? null : el('option', { value: '' }, '— none —'),
      options.map((o) => el('option', { value: String(o.id), selected: String(o.id) === String(value ?? '') || undefined },
        o.name))),
    el('p.field-error', { id: `uf-${name}-error`, role: 'alert' }));
}

function checkbox(name, label, checked) {
  return el('div.field.check', null,
    el('input', { id: `uf-${name}`, name, type: 'checkbox', checked: checked || undefined,
      'aria-describedby': `uf-${name}-error` }),
    el('label', { for: `uf-${name}` }, label),
    el('p.field-error', { id: `uf-${name}-error`, role: 'alert' }));
}

/** The form's values as the API takes them; on edit only what changed (a JSON merge patch). */
function values(form, user) {
  const body = {};
  const put = (name, value) => {
    const before = user ? user[name] ?? null : null;
    if (!user || value !== before) body[name] = value;
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
 * Opens the form for {@code user} (null: a new user) and resolves with the saved user, or null when cancelled.
 */
export async function openUserForm(user) {
  const [sites, departments] = await Promise.all([api.sites(), api.departments()]);
  const dialog = $('#user-form-dialog');
  const form = $('#user-form');
  $('#user-form-title').textContent = user ? `Edit ${user.email}` : 'New user';
  replace($('#user-form-fields'),
    select('siteId', 'Site', sites, user ? user.siteId : '', true),
    TEXT_FIELDS.map(([name, label, type]) => input(name, label, type, user ? user[name] : '', name === 'email')),
    select('departmentId', 'Department', departments, user ? user.departmentId : '', false),
    checkbox('mainSiteUser', 'Main site user (sees all of the site\'s tickets)', user && user.mainSiteUser),
    checkbox('autoTicketDisabled', 'No automatic tickets from this user\'s emails', user && user.autoTicketDisabled),
    user && user.tenant ? el('p.muted.hint', null, `Synced from ${user.tenant}: fields the directory owns are changed in `
      + 'Entra, not here (the service answers which).') : null);
  $('#user-form-error').textContent = '';
  dialog.showModal();
  form.elements.siteId.focus();
  return new Promise((resolve) => {
    const cancel = () => { dialog.close(); cleanup(); resolve(null); };
    const submit = async (event) => {
      event.preventDefault();
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
