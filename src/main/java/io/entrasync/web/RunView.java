package io.entrasync.web;

import io.entrasync.reconcile.RunCounts;
import io.entrasync.sync.SyncRun;
import java.time.Instant;

/** A sync run as the API shows it. */
public record RunView(Long id, String tenant, String status, String mode, String trigger, boolean dryRun, boolean resync,
                      Long approvesRunId, Instant queuedAt, Instant startedAt, Instant finishedAt, Long durationMs,
                      RunCounts counts, int pagesRead, int throttled, int retries, int usersProcessed, String error,
                      String mappingHash, boolean reevaluated) {

    public static RunView of(SyncRun r) {
        Long duration = r.getStartedAt() == null || r.getFinishedAt() == null ? null
                : r.getFinishedAt().toEpochMilli() - r.getStartedAt().toEpochMilli();
        return new RunView(r.getId(), r.getTenant(), r.getStatus().name(), r.getMode().name(), r.getTrigger().name(),
                r.isDryRun(), r.isResync(), r.getApprovesRunId(), r.getQueuedAt(), r.getStartedAt(), r.getFinishedAt(),
                duration, r.counts(), r.getPagesRead(), r.getThrottled(), r.getRetries(), r.getUsersProcessed(),
                r.getError(), r.getMappingHash(), r.isReevaluated());
    }
}
