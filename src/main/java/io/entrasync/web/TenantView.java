package io.entrasync.web;

import io.entrasync.fleet.TenantConditions;
import io.entrasync.fleet.TenantState;
import io.entrasync.mapping.MappingError;
import io.entrasync.mapping.ScheduleSpread;
import io.entrasync.mapping.TenantMappingStatus;
import io.entrasync.mapping.TenantSummary;
import io.entrasync.notify.NotificationStatus;
import io.entrasync.reconcile.RunCounts;
import io.entrasync.sync.RunStatus;
import io.entrasync.sync.SyncRun;
import java.time.Instant;
import java.util.List;
import java.util.Set;

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
 * @param scheduleSpread how {@code schedule} (the effective cron) was moved from the template's schedule for this
 *                     tenant (second, minute offset, the template's cron); null when it is as written
 * @param fullSyncScheduleSpread the same for {@code fullSyncSchedule}
 * @param state        the tenant's most urgent state ({@code ok}, {@code held}, …; see {@link TenantState})
 * @param states       every state that applies (a held tenant may be failing too)
 * @param lastSuccessAt when its newest successful run finished; null when none did
 * @param failuresInRow how many of its newest ended runs failed in a row
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
        NotificationStatus notifications,
        ScheduleSpread scheduleSpread,
        ScheduleSpread fullSyncScheduleSpread,
        String state,
        List<String> states,
        Instant lastSuccessAt,
        int failuresInRow) {

    /**
     * The summary of a run shown with its tenant.
     *
     * @param dryRun  the run was a dry run: its counts are what a real run would have done
     * @param applied the counts were applied (a SUCCEEDED run that was not a dry run); false: they are only planned
     *                (BLOCKED, dry run) or nothing was applied (FAILED, still active)
     * @param error   why a FAILED run failed, why a BLOCKED one was blocked, or a SUCCEEDED run's note
     */
    record LastRun(Long id, String status, String mode, boolean dryRun, boolean applied, Instant finishedAt,
                   RunCounts counts, boolean reevaluated, String error) {

        static LastRun of(SyncRun run) {
            return run == null ? null : new LastRun(run.getId(), run.getStatus().name(), run.getMode().name(),
                    run.isDryRun(), run.getStatus() == RunStatus.SUCCEEDED && !run.isDryRun(), run.getFinishedAt(),
                    run.counts(), run.isReevaluated(), run.getError());
        }
    }

    static TenantView of(TenantMappingStatus status, Instant nextFireTime, SyncRun lastRun, HoldView hold,
                         boolean mappingChanged, NotificationStatus notifications, Set<TenantState> states,
                         TenantConditions conditions) {
        TenantSummary summary = status.summary();
        return new TenantView(summary.tenant(), status.file(), status.valid(), summary.cloud(), summary.tenantId(),
                summary.schedule(), summary.fullSyncSchedule(), summary.timeZone(), status.errors(), nextFireTime,
                LastRun.of(lastRun), hold, mappingChanged, CronWords.describe(summary.schedule()),
                CronWords.describe(summary.fullSyncSchedule()), notifications,
                status.valid() ? status.mapping().scheduleSpread() : null,
                status.valid() ? status.mapping().fullSyncScheduleSpread() : null, states.iterator().next().key(),
                states.stream().map(TenantState::key).toList(), conditions.lastSuccessAt(), conditions.failuresInRow());
    }
}
