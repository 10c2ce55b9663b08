package io.entrasync.web;

import io.entrasync.sync.TenantHold;
import java.time.Instant;

/**
 * A held tenant as {@code GET /api/tenants} shows it.
 *
 * @param pendingDeactivations what the newest plan ({@code latestRunId}) deactivates
 * @param approvalAllows       the most an approval of that plan deactivates when it re-plans (plan + margin)
 */
record HoldView(String state, Instant heldSince, long firstRunId, long latestRunId, String reason,
                int pendingDeactivations, int approvalAllows, boolean fullRead, Instant rejectedAt) {

    static HoldView of(TenantHold hold) {
        return hold == null ? null : new HoldView(hold.state().name(), hold.heldSince(), hold.firstRunId(),
                hold.latestRunId(), hold.reason(), hold.plannedDeactivations(),
                TenantHold.approvalAllows(hold.plannedDeactivations()), hold.fullRead(), hold.rejectedAt());
    }
}
