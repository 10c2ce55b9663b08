package io.entrasync.web;

import io.entrasync.mapping.MappingSettings;
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
 */
record HoldView(String state, Instant heldSince, long firstRunId, long latestRunId, String reason,
                int pendingDeactivations, boolean fullRead, Instant rejectedAt, boolean mappingChangedSincePlan,
                List<MappingChange> mappingChanges) {

    /** One changed key: {@code text} reads {@code scope.groups: [Helpdesk Users] → [Site Admins]}. */
    record MappingChange(String key, String before, String after, String text) {

        static MappingChange of(MappingSettings.Change change) {
            return new MappingChange(change.key(), change.before(), change.after(), change.toString());
        }
    }

    /** The hold alone (what a decision answers), without the mapping comparison. */
    static HoldView of(TenantHold hold) {
        return of(hold, null, null);
    }

    /**
     * @param currentMappingHash the mapping file's hash now, null when it is invalid
     * @param changes            the mapping's changes since the last applied run, null when unknown
     */
    static HoldView of(TenantHold hold, String currentMappingHash, List<MappingSettings.Change> changes) {
        return hold == null ? null : new HoldView(hold.state().name(), hold.heldSince(), hold.firstRunId(),
                hold.latestRunId(), hold.reason(), hold.plannedDeactivations(), hold.fullRead(), hold.rejectedAt(),
                hold.mappingChangedTo(currentMappingHash),
                changes == null ? null : changes.stream().map(MappingChange::of).toList());
    }
}
