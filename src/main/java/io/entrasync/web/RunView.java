package io.entrasync.web;

import io.entrasync.auth.Caller;
import io.entrasync.reconcile.RunCounts;
import io.entrasync.sync.HoldDecision;
import io.entrasync.sync.SyncRun;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A sync run as the API shows it.
 *
 * @param triggeredBy who started it: the person, API key or admin token of a manual or approval run (the approver
 *                    whose approval queued it), {@code schedule} for a scheduled run, {@code graph} for a NOTIFIED
 *                    run; null for runs recorded before actors were
 * @param approvedBy  who approved the plan: of this BLOCKED run, or, for an APPROVAL run, of the run it approves
 *                    (oldest first; empty when nobody did)
 * @param rejectedBy  who rejected this BLOCKED run's plan; null when nobody did
 * @param releasedBy  who released the hold while this run was its newest plan; null when nobody did
 */
public record RunView(Long id, String tenant, String status, String mode, String trigger, boolean dryRun, boolean resync,
                      Long approvesRunId, Instant queuedAt, Instant startedAt, Instant finishedAt, Long durationMs,
                      RunCounts counts, int pagesRead, int throttled, int retries, int usersProcessed, String error,
                      String mappingHash, boolean reevaluated, Caller triggeredBy, List<ActorView> approvedBy,
                      ActorView rejectedBy, ActorView releasedBy) {

    /** The run without the decisions on its plan. */
    public static RunView of(SyncRun r) {
        return of(r, Map.of());
    }

    /**
     * @param decisions the decisions on plans by run id; those on this run and on the run it approves are used
     */
    static RunView of(SyncRun r, Map<Long, List<HoldDecision>> decisions) {
        Long duration = r.getStartedAt() == null || r.getFinishedAt() == null ? null
                : r.getFinishedAt().toEpochMilli() - r.getStartedAt().toEpochMilli();
        List<HoldDecision> own = decisions.getOrDefault(r.getId(), List.of());
        List<HoldDecision> approved = r.getApprovesRunId() == null ? own
                : decisions.getOrDefault(r.getApprovesRunId(), List.of());
        return new RunView(r.getId(), r.getTenant(), r.getStatus().name(), r.getMode().name(), r.getTrigger().name(),
                r.isDryRun(), r.isResync(), r.getApprovesRunId(), r.getQueuedAt(), r.getStartedAt(), r.getFinishedAt(),
                duration, r.counts(), r.getPagesRead(), r.getThrottled(), r.getRetries(), r.getUsersProcessed(),
                r.getError(), r.getMappingHash(), r.isReevaluated(), r.getTriggeredBy(),
                ActorView.all(approved, HoldDecision.Kind.APPROVE), ActorView.last(own, HoldDecision.Kind.REJECT),
                ActorView.last(own, HoldDecision.Kind.RELEASE));
    }
}
