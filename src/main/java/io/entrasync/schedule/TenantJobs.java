package io.entrasync.schedule;

import io.entrasync.mapping.TenantMapping;
import io.entrasync.sync.SyncMode;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

/**
 * Names and shapes of the Quartz objects of a tenant: the job {@code tenant-sync.<tenant>}, its cron triggers
 * {@code <tenant>.delta} and {@code <tenant>.full}, and one-shot triggers {@code run-<id>} for manual and approval
 * runs. Job data holds only strings ({@code org.quartz.jobStore.useProperties=true}).
 */
final class TenantJobs {

    static final String GROUP = "tenant-sync";
    static final String RUN_GROUP = "tenant-run";
    /** Trigger data: the mode of a scheduled run (DELTA or FULL). */
    static final String MODE = "mode";
    /** One-shot triggers of the delta runs Graph change notifications ask for. */
    static final String NOTIFY_GROUP = "tenant-notify";
    /** Trigger data: "true" on a fire asked for by change notifications (a NOTIFIED delta run). */
    static final String NOTIFIED = "notified";
    /** Trigger data: the id of an already queued (manual or approval) run. */
    static final String RUN_ID = "runId";

    private static final int FULL_PRIORITY = 6;
    private static final int RUN_PRIORITY = 7;

    private TenantJobs() {
    }

    static JobKey jobKey(String tenant) {
        return JobKey.jobKey(tenant, GROUP);
    }

    static TriggerKey triggerKey(String tenant, SyncMode mode) {
        return TriggerKey.triggerKey(tenant + "." + mode.name().toLowerCase(java.util.Locale.ROOT), GROUP);
    }

    /** Durable (kept without triggers), recovered on another replica when the one running it dies. */
    static JobDetail job(String tenant) {
        return JobBuilder.newJob(TenantSyncJob.class).withIdentity(jobKey(tenant))
                .withDescription("sync runs of tenant " + tenant).storeDurably().requestRecovery().build();
    }

    /**
     * The cron triggers the mapping asks for: {@code schedule} (DELTA) and, when set, {@code fullSyncSchedule}
     * (FULL, fired first when both are due together), both in the mapping's time zone. Misfire policy: a fire missed
     * by more than the misfire threshold runs once as soon as possible, then the schedule continues.
     */
    static List<CronTrigger> triggers(TenantMapping mapping) {
        List<CronTrigger> triggers = new ArrayList<>(2);
        triggers.add(cron(mapping, SyncMode.DELTA, mapping.schedule(), Trigger.DEFAULT_PRIORITY));
        if (mapping.fullSyncSchedule() != null) {
            triggers.add(cron(mapping, SyncMode.FULL, mapping.fullSyncSchedule(), FULL_PRIORITY));
        }
        return triggers;
    }

    private static CronTrigger cron(TenantMapping mapping, SyncMode mode, String expression, int priority) {
        return TriggerBuilder.newTrigger().withIdentity(triggerKey(mapping.tenant(), mode))
                .forJob(jobKey(mapping.tenant())).withPriority(priority).usingJobData(MODE, mode.name())
                .withDescription(mode + " sync of tenant " + mapping.tenant())
                .withSchedule(CronScheduleBuilder.cronSchedule(expression)
                        .inTimeZone(TimeZone.getTimeZone(mapping.timeZone()))
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
    }

    /**
     * Fires the tenant's job once, as soon as a thread is free, for an already queued run. Misfires are ignored: a
     * one-shot fire runs once however late it is anyway, and with "fire now" every fire waiting in a backlog longer
     * than the misfire threshold (a thousand tenants launched at once) was re-stamped to "now" over and over by the
     * misfire handler, costing updates under Quartz's trigger lock and pushing the earliest launches to the back.
     */
    static Trigger runNow(String tenant, long runId) {
        return TriggerBuilder.newTrigger().withIdentity("run-" + runId, RUN_GROUP).forJob(jobKey(tenant))
                .withPriority(RUN_PRIORITY).usingJobData(RUN_ID, Long.toString(runId))
                .withDescription("run " + runId + " of tenant " + tenant)
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionIgnoreMisfires())
                .startNow().build();
    }

    /**
     * Fires the tenant's job once, after {@code delay}, for a NOTIFIED delta run. Each call gets its own key: the trigger of the run that
     * is executing stays stored (state COMPLETE) until the run ends, so reusing one key would refuse, and lose, the
     * request of a notification that arrives during that run. Coalescing is {@code notification_pending}'s job.
     */
    static Trigger notified(String tenant, java.time.Duration delay) {
        return TriggerBuilder.newTrigger()
                .withIdentity(tenant + "." + java.util.UUID.randomUUID(), NOTIFY_GROUP).forJob(jobKey(tenant))
                .withPriority(Trigger.DEFAULT_PRIORITY).usingJobData(MODE, SyncMode.DELTA.name())
                .usingJobData(NOTIFIED, "true").withDescription("notified delta sync of tenant " + tenant)
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionIgnoreMisfires())
                .startAt(java.util.Date.from(java.time.Instant.now().plus(delay))).build();
    }

    /** True when the stored trigger already has the wanted cron expression and time zone. */
    static boolean same(Trigger stored, CronTrigger wanted) {
        return stored instanceof CronTrigger cron && cron.getCronExpression().equals(wanted.getCronExpression())
                && cron.getTimeZone().getID().equals(wanted.getTimeZone().getID());
    }
}
