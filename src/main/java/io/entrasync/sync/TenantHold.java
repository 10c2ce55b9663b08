package io.entrasync.sync;

import java.time.Instant;

/**
 * A held tenant: a run of it ended BLOCKED, and until an admin approves, rejects or releases, every later run plans,
 * records its plan and applies nothing. The plan to approve is always the newest one ({@code latestRunId}).
 *
 * @param firstRunId           the run whose BLOCKED verdict started the hold
 * @param latestRunId          the newest run of the hold (its plan is what an approval applies, re-planned)
 * @param plannedDeactivations the deactivations the newest run planned
 * @param reason               the guard's verdict that started the hold, never null
 * @param fullRead             a run of the hold was a full read: an approval then runs as a full read too, so the
 *                             removals only a full enumeration finds are part of what it applies
 * @param mappingHash          the mapping the newest run evaluated (a rejected hold ends when the mapping changes)
 * @param rejectedAt           null while the hold waits for a decision
 */
public record TenantHold(String tenant, State state, Instant heldSince, long firstRunId, long latestRunId,
                         int plannedDeactivations, String reason, boolean fullRead, String mappingHash,
                         Instant rejectedAt) {

    /** PENDING waits for an approval; REJECTED stays until the mapping changes or an admin releases it. */
    public enum State { PENDING, REJECTED }

    /**
     * The deactivations an approval of a run that planned {@code approved} allows: the directory drifts between the
     * plan and the approval run's re-plan, so a few more (2 %, at least 2) are allowed; beyond that the approval run
     * is BLOCKED again with its new plan.
     */
    public static int approvalAllows(int approved) {
        return approved + Math.max(2, (int) Math.ceil(approved * 0.02));
    }

    /** Whether {@code runId} is a run of this hold (an approval must name one of them). */
    public boolean covers(long runId) {
        return runId >= firstRunId && runId <= latestRunId;
    }

    /**
     * A rejected hold ends once the tenant's mapping differs from the one its newest run evaluated (the admin fixed
     * the mapping); a pending hold ends only by a decision.
     */
    public boolean liftedBy(String currentMappingHash) {
        return state == State.REJECTED && currentMappingHash != null && !currentMappingHash.equals(mappingHash);
    }
}
