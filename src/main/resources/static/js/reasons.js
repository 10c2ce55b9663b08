// Reasons and outcomes in plain words, for every view that shows one: the API answers stable codes (DELETED,
// NO_SITE_RULE, UNKNOWN_SENDER, …); the page shows the words and keeps the code in a tooltip (title) and in
// data-code, so an admin can still quote it, search the README for it or filter by it.
import { el } from './dom.js';

/** Why a sync deactivated an account (reconcile AbsenceReason), and an admin's deactivation (MANUAL). */
export const DEACTIVATION = {
  DELETED: 'deleted in Entra',
  SOFT_DELETED: 'deleted in Entra (restorable)',
  DISABLED: 'disabled in Entra',
  OUT_OF_SCOPE: 'out of the sync scope',
  NOT_FOUND_IN_FULL_SYNC: 'not found in Entra by a full sync',
  MANUAL: 'deactivated by an admin',
};

/** Why a run left a directory user alone (reconcile SkipReason). */
export const SKIP = {
  NO_EMAIL: 'no usable email address',
  NO_SITE_RULE: 'no site rule of the mapping matched',
  SITE_MISSING: 'the mapped site does not exist and the mapping may not create it',
  DEPARTMENT_MISSING: 'the mapped department does not exist and the mapping may not create it',
  UNMAPPABLE: 'the mapping could not be applied',
  EMAIL_CLAIMED: 'the email belongs to another account',
  EMAIL_CONFLICT: 'several directory users claim this email',
};

/** What became of an inbound message (directory InboundOutcome). */
export const INBOUND = {
  TICKET_OPENED: 'ticket opened',
  UNASSIGNED: 'waiting for a site',
  AUTOMATED: 'bounce or auto-reply',
  DEACTIVATED_SENDER: 'sender deactivated',
  AUTO_TICKETS_OFF: 'automatic tickets off',
  NOT_MAIN_USER: 'not the main user',
  UNKNOWN_SENDER: 'unknown sender',
  SUBJECT_TOO_LONG: 'subject too long',
  INVALID_SENDER: 'invalid sender',
};

/** Where the explanation of a user ends (sync Explainer). */
export const EXPLAIN = {
  IN_SCOPE: 'In scope', OUT_OF_SCOPE: 'Out of scope', UNMAPPED: 'Unmapped', REMOVED: 'Removed in the directory',
  NOT_IN_MIRROR: 'Not seen by a sync yet', LOCAL_ACCOUNT: 'Local account', NO_MAPPING: 'No valid mapping',
};

/** The result of one line of a connection check. */
const CHECK = { ok: 'passed', failed: 'failed', skipped: 'not tried' };

/** A connection check's lines (a tenant's "Test connection", a new connection's check): result, check, detail, fix. */
export function checkLines(checks) {
  return el('ul.check-lines', null, (checks || []).map((c) => el(`li.check-${c.status}`, null,
    coded(CHECK, c.status, `span.badge.${c.status === 'ok' ? 'ok' : c.status === 'failed' ? 'bad' : 'warn'}`), ' ',
    el('strong', null, c.check), c.detail ? `: ${c.detail}` : null,
    c.fix ? el('span.block.fix', null, `Fix: ${c.fix}`) : null)));
}

/**
 * {@code code} in the words of {@code table}, as an element whose tooltip is the code; an unknown code is shown as
 * it is. {@code tag} may carry classes ('span.badge.ok').
 */
export function coded(table, code, tag = 'span') {
  if (code === null || code === undefined || code === '') return null;
  const words = table[code];
  return el(tag, { title: words ? code : null, dataset: { code } }, words || code);
}

/**
 * A recorded change's reason in words: a deactivation's reason is a code; a skip's is "CODE: detail" (the code in
 * words, the detail as it is); any other reason is already text.
 */
export function changeReason(kind, reason) {
  if (!reason) return null;
  if (kind === 'DEACTIVATE' && DEACTIVATION[reason]) return coded(DEACTIVATION, reason);
  const skip = /^([A-Z_]+): ?(.*)$/s.exec(reason);
  if (kind === 'SKIP' && skip && SKIP[skip[1]]) {
    return el('span', null, coded(SKIP, skip[1]), skip[2] ? `: ${skip[2]}` : null);
  }
  return reason;
}
