package io.entrasync.web;

import io.entrasync.mapping.MappingSettings;
import io.entrasync.sync.HoldDecision;
import io.entrasync.sync.TenantHold;
import java.time.Instant;
import java.util.List;

/**
 * A held tenant as {@code GET /api/tenants} shows it.
 *
 * @param pendingDeactivations what the newest plan ({@code latestRunId}) deactivates; an approval of a plan applies
 *                             exactly its deactivations that are still planned, anything else only within the
 *                             tenant's usual limits
 * @param mappingChangedSincePlan the mapping file changed since the newest plan was made: no plan of the hold can be
 *                             approved now, and the next run re-plans under the new mapping (within the limits the
 *                             hold ends by itself)
 * @param mappingChanges       the keys of the mapping file that differ from the mapping the tenant's last applied run
 *                             evaluated (what may have caused the hold); null when that mapping is not on record or the
 *                             file is invalid
 * @param approvalsRequired    how many different people must approve the newest plan (the mapping's
 *                             {@code safety.approvers}; 1 by default, when any approver's approval applies it)
 * @param approvedBy           the approvals of the newest plan so far, oldest first (approvals are tied to a plan: a
 *                             newer plan starts with none)
 * @param rejectedBy           who rejected the hold's plan; null unless REJECTED
 */
record HoldView(String state, Instant heldSince, long firstRunId, long latestRunId, String reason,
                int pendingDeactivations, boolean fullRead, Instant rejectedAt, boolean mappingChangedSincePlan,
                List<MappingChange> mappingChanges, int approvalsRequired, List<ActorView> approvedBy,
                ActorView rejectedBy) {

    /** One changed key: {@code text} reads {@code scope.groups: [Helpdesk Users] → [Site Admins]}. */
    record MappingChange(String key, String before, String after, String text) {

        static MappingChange of(MappingSettings.Change change) {
            return new MappingChange(change.key(), change.before(), change.after(), change.toString());
        }
    }

    /** The hold alone (what a decision answers), without the mapping comparison. */
    static HoldView of(TenantHold hold, int approvalsRequired, List<HoldDecision> decisions) {
        return of(hold, null, null, approvalsRequired, decisions);
    }

    /**
     * @param currentMappingHash the mapping file's hash now, null when it is invalid
     * @param changes            the mapping's changes since the last applied run, null when unknown
     * @param decisions          the decisions on the hold's plans
     */
    static HoldView of(TenantHold hold, String currentMappingHash, List<MappingSettings.Change> changes,
                       int approvalsRequired, List<HoldDecision> decisions) {
        if (hold == null) {
            return null;
        }
        List<HoldDecision> newest = decisions.stream().filter(d -> d.runId() == hold.latestRunId()).toList();
        return new HoldView(hold.state().name(), hold.heldSince(), hold.firstRunId(),
                hold.latestRunId(), hold.reason(), hold.plannedDeactivations(), hold.fullRead(), hold.rejectedAt(),
                hold.mappingChangedTo(currentMappingHash),
                changes == null ? null : changes.stream().map(MappingChange::of).toList(), approvalsRequired,
                ActorView.all(newest, HoldDecision.Kind.APPROVE),
                hold.state() == TenantHold.State.REJECTED ? ActorView.last(decisions, HoldDecision.Kind.REJECT) : null);
    }
}
