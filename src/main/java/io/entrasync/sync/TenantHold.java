package io.entrasync.sync;

import java.time.Instant;

/**
 * A held tenant: a run of it ended BLOCKED, and until an admin approves, rejects or releases, or its mapping changes,
 * every later run plans, records its plan and applies nothing. Any plan of the hold made under the current mapping
 * can be approved; the newest is {@code latestRunId}.
 *
 * @param firstRunId           the run whose BLOCKED verdict started the hold
 * @param latestRunId          the newest run of the hold
 * @param plannedDeactivations the deactivations the newest run planned
 * @param reason               the guard's verdict that started the hold (or, after a mapping change, the one that
 *                             continued it), never null
 * @param fullRead             a run of the hold was a full read: an approval then runs as a full read too, so the
 *                             removals only a full enumeration finds are part of what it applies
 * @param mappingHash          the mapping the newest run evaluated (when the mapping changes, the next run
 *                             re-plans)
 * @param rejectedAt           null while the hold waits for a decision
 */
public record TenantHold(String tenant, State state, Instant heldSince, long firstRunId, long latestRunId,
                         int plannedDeactivations, String reason, boolean fullRead, String mappingHash,
                         Instant rejectedAt) {

    /** PENDING waits for a decision; REJECTED stays until the mapping changes or an admin releases it. */
    public enum State { PENDING, REJECTED }

    /** Whether {@code runId} is a run of this hold (an approval must name one of them). */
    public boolean covers(long runId) {
        return runId >= firstRunId && runId <= latestRunId;
    }

    /**
     * Whether the tenant's mapping now differs from the one the hold's newest plan was made under: the next run then
     * re-plans under the new mapping and is judged by the deletion guard (within the limits the hold ends; above them
     * a pending hold continues with the new plan, a rejected one is replaced by a fresh hold), and no plan made under
     * the earlier mapping can be approved any more.
     */
    public boolean mappingChangedTo(String currentMappingHash) {
        return mappingHash != null && currentMappingHash != null && !currentMappingHash.equals(mappingHash);
    }
}
