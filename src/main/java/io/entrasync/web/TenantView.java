package io.entrasync.web;

import io.entrasync.mapping.MappingError;
import io.entrasync.mapping.TenantMappingStatus;
import io.entrasync.mapping.TenantSummary;
import io.entrasync.notify.NotificationStatus;
import io.entrasync.reconcile.RunCounts;
import io.entrasync.sync.SyncRun;
import io.entrasync.sync.TenantHold;
import java.time.Instant;
import java.util.List;

/**
 * One entry of {@code GET /api/tenants}: a mapping file and the tenant it configures. For an invalid file the
 * settings are shown as written (null when unreadable) next to its errors. Later issues add components (next fire
 * time, last run); build instances only through {@link #of}, so such additions touch this file alone.
 *
 * @param tenant       the tenant key, null when the file does not name one readably
 * @param nextFireTime the soonest next fire of the tenant's Quartz triggers; null when it has none (invalid file)
 * @param lastRun      the tenant's most recent run (possibly still active); null when it never ran
 * @param hold         the tenant's hold (a BLOCKED run waits for an admin); null when not held
 * @param mappingChanged the mapping file differs from the one the last applied run evaluated: the next run
 *                     re-evaluates every user of the tenant
 * @param scheduleText the schedule in words ("every minute"), read in {@code timeZone}; null without a schedule
 * @param notifications Graph change-notification state (subscriptions, last received, errors); null for a file
 *                     without a readable tenant key
 */
record TenantView(
        String tenant,
        String file,
        boolean valid,
        String cloud,
        String tenantId,
        String schedule,
        String fullSyncSchedule,
        String timeZone,
        List<MappingError> errors,
        Instant nextFireTime,
        LastRun lastRun,
        HoldView hold,
        boolean mappingChanged,
        String scheduleText,
        String fullSyncScheduleText,
        NotificationStatus notifications) {

    /** The summary of a run shown with its tenant. */
    record LastRun(Long id, String status, String mode, Instant finishedAt, RunCounts counts, boolean reevaluated,
                   String error) {

        static LastRun of(SyncRun run) {
            return run == null ? null : new LastRun(run.getId(), run.getStatus().name(), run.getMode().name(),
                    run.getFinishedAt(), run.counts(), run.isReevaluated(), run.getError());
        }
    }

    static TenantView of(TenantMappingStatus status, Instant nextFireTime, SyncRun lastRun, TenantHold hold,
                         boolean mappingChanged, NotificationStatus notifications) {
        TenantSummary summary = status.summary();
        return new TenantView(summary.tenant(), status.file(), status.valid(), summary.cloud(), summary.tenantId(),
                summary.schedule(), summary.fullSyncSchedule(), summary.timeZone(), status.errors(), nextFireTime,
                LastRun.of(lastRun), HoldView.of(hold), mappingChanged, CronWords.describe(summary.schedule()),
                CronWords.describe(summary.fullSyncSchedule()), notifications);
    }
}
