package io.entrasync.schedule;

import java.time.Duration;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores a service-wide job with a repeating trigger (first fire now) in the clustered store, so one replica at a
 * time runs it. Idempotent, for every replica's start-up: the first one stores the job and trigger, the others find
 * them, and a changed interval replaces the trigger. The renewal of Graph subscriptions, the alert evaluation and the
 * history purge are such jobs.
 */
public final class RepeatingJobs {

    private static final Logger log = LoggerFactory.getLogger(RepeatingJobs.class);

    private RepeatingJobs() {
    }

    /**
     * @param description what the job does, for Quartz's tables and the error that names it
     * @throws IllegalStateException when the store refuses it (the service should not start without its job)
     */
    public static void store(Scheduler scheduler, Class<? extends Job> type, JobKey jobKey, TriggerKey triggerKey,
                             Duration interval, String description) {
        try {
            JobDetail job = JobBuilder.newJob(type).withIdentity(jobKey).storeDurably().withDescription(description)
                    .build();
            Trigger trigger = TriggerBuilder.newTrigger().withIdentity(triggerKey).forJob(jobKey).startNow()
                    .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                            .withIntervalInMilliseconds(interval.toMillis()).repeatForever()
                            .withMisfireHandlingInstructionNextWithRemainingCount())
                    .build();
            try {
                scheduler.addJob(job, false);
            } catch (ObjectAlreadyExistsException storedElsewhere) {
                log.debug("job {} already stored", jobKey);
            }
            Trigger stored = scheduler.getTrigger(triggerKey);
            if (stored == null) {
                try {
                    scheduler.scheduleJob(trigger);
                } catch (ObjectAlreadyExistsException storedElsewhere) {
                    log.debug("trigger {} stored by another replica", triggerKey);
                }
            } else if (!(stored instanceof SimpleTrigger simple) || simple.getRepeatInterval() != interval.toMillis()) {
                scheduler.rescheduleJob(triggerKey, trigger);
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not schedule the job that " + description + ": " + e.getMessage(), e);
        }
    }
}
