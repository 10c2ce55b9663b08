// What the admin page says about a held tenant and about runs that only planned: one place for the approval rule's
// words (README "Approving a plan" says the same), the mapping's changes since the last applied run, and the
// "planned, not applied" wording of a tenant's last run.
import { el, countsText } from './dom.js';

/** The approval rule, as the service applies it (RunConclusion). */
export function approvalRule(count) {
  return `Approving starts a new run that re-plans against current data. It deactivates exactly the accounts this `
    + `plan lists (${count}) that are still planned then. Any other deactivation it finds is judged by the tenant's `
    + `usual limits, as in any run: within them it is applied too and listed separately ("not in the reviewed `
    + `plan"); above them nothing at all is applied and the tenant stays held with the new plan for you to review.`;
}

/** The keys of the mapping file that differ from the mapping of the tenant's last applied run. */
export function mappingChangesBlock(hold) {
  if (hold.mappingChanges === null || hold.mappingChanges === undefined) return null;
  if (!hold.mappingChanges.length) {
    return el('p.mapping-diff.muted', null, 'The mapping file is as it was at the last applied run.');
  }
  return el('div.mapping-diff', { role: 'group', 'aria-label': 'Mapping changes since the last applied run' },
    el('p', null, 'Changed in the mapping file since the last applied run:'),
    el('ul', null, hold.mappingChanges.map((c) => el('li', null, el('code', null, c.text)))));
}

/** Why the Approve button is off, when it is: the plan was made under an earlier mapping. */
export function replanNote(hold) {
  return hold.mappingChangedSincePlan ? el('p.notice-info.replan', { role: 'note' },
    'The mapping file changed since this plan was made, so it can no longer be approved. The next run re-plans under '
    + 'the new mapping: within the limits the hold ends by itself; above them its plan is the one to review.') : null;
}

/**
 * A tenant's last run in words: applied counts for a run that applied, "planned: …" for a BLOCKED or dry run (it
 * applied nothing), and the error of a FAILED run.
 */
export function lastRunText(lastRun) {
  if (lastRun.status === 'FAILED') {
    return el('span.block.msg.failed-reason', null, lastRun.error || 'failed (no reason recorded)');
  }
  if (!lastRun.counts) return null;
  const planned = lastRun.status === 'BLOCKED' || lastRun.dryRun;
  return el('span.muted.block', null, planned
    ? `${lastRun.dryRun ? 'dry run, ' : ''}planned, nothing applied: ${countsText(lastRun.counts)}`
    : countsText(lastRun.counts));
}

/** Who did something, for people: "alice@contoso.com", "API key 'mailer'", "static admin token", "schedule". */
export function actorText(actor) {
  if (!actor) return '';
  if (actor.kind === 'key') return `API key '${actor.name}'`;
  return actor.name || actor.id;
}

/**
 * The approvals of a hold's newest plan so far, when its mapping asks for several approvers (or someone approved):
 * "approved by alice@… — waiting for one more approver".
 */
export function approvalsNote(hold) {
  const approved = hold.approvedBy || [];
  const required = hold.approvalsRequired || 1;
  if (required <= 1 && !approved.length) return null;
  const missing = Math.max(0, required - approved.length);
  const waiting = missing === 0 ? '' : `waiting for ${missing === 1 ? 'one more approver' : `${missing} more approvers`}`;
  const text = approved.length
    ? `Approved by ${approved.map(actorText).join(', ')}${waiting ? ` — ${waiting}` : ''}.`
    : `This plan needs the approval of ${required} different people (the admin token and API keys do not count); `
      + 'none so far.';
  return el('p.approvals', { role: 'note', dataset: { approvals: String(approved.length), required: String(required) } },
    text);
}

/** A run's decisions in words: who approved, rejected or released its plan; null when nobody did. */
export function decisionsText(run) {
  const parts = [];
  if (run.approvedBy && run.approvedBy.length) parts.push(`approved by ${run.approvedBy.map(actorText).join(', ')}`);
  if (run.rejectedBy) parts.push(`rejected by ${actorText(run.rejectedBy)}`);
  if (run.releasedBy) parts.push(`hold released by ${actorText(run.releasedBy)}`);
  return parts.length ? parts.join('; ') : null;
}
