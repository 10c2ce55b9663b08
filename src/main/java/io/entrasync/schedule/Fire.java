package io.entrasync.schedule;

import io.entrasync.sync.SyncMode;
import java.time.Instant;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;

/**
 * One execution of a tenant's job, free of Quartz types.
 *
 * @param tenant             the tenant key (the job's name)
 * @param runId              the queued manual or approval run to execute; null for a scheduled fire
 * @param mode               the mode of a scheduled fire (DELTA when the data does not say)
 * @param scheduledFireTime  when the fire was due; for a recovered fire, when the original fire was due
 * @param recovering         true when Quartz re-runs a fire whose replica stopped before it completed
 * @param notified           true for a fire asked for by Graph change notifications (a NOTIFIED delta run)
 */
record Fire(String tenant, Long runId, SyncMode mode, Instant scheduledFireTime, boolean recovering,
            boolean notified) {

    static Fire of(JobExecutionContext context) {
        JobDataMap data = context.getMergedJobDataMap();
        String runId = data.getString(TenantJobs.RUN_ID);
        String mode = data.getString(TenantJobs.MODE);
        Instant due = context.getScheduledFireTime().toInstant();
        String original = data.getString(Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_SCHEDULED_FIRETIME_IN_MILLISECONDS);
        if (context.isRecovering() && original != null) {
            due = Instant.ofEpochMilli(Long.parseLong(original));
        }
        return new Fire(context.getJobDetail().getKey().getName(), runId == null ? null : Long.valueOf(runId),
                mode == null ? SyncMode.DELTA : SyncMode.valueOf(mode), due, context.isRecovering(),
                "true".equals(data.getString(TenantJobs.NOTIFIED)));
    }
}
