package io.entrasync.alert;

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
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Stores the alert job and its repeating trigger (every {@code entra-sync.alerts.interval}, first fire now) in the clustered
 * store at start-up. Idempotent: every replica does it; the first one stores, a changed interval replaces the trigger.
 * Stored even without any channel: conditions are tracked and shown on the page all the same.
 */
@Component
class AlertSchedule implements SmartLifecycle {

    static final JobKey JOB = JobKey.jobKey("tenant-alerts", "alerts");
    static final TriggerKey TRIGGER = TriggerKey.triggerKey("tenant-alerts", "alerts");
    private static final Logger log = LoggerFactory.getLogger(AlertSchedule.class);

    private final Scheduler scheduler;
    private final AlertProperties properties;
    private volatile boolean running;

    AlertSchedule(Scheduler scheduler, AlertProperties properties) {
        this.scheduler = scheduler;
        this.properties = properties;
    }

    @Override
    public void start() {
        try {
            JobDetail job = JobBuilder.newJob(AlertJob.class).withIdentity(JOB).storeDurably()
                    .withDescription("evaluates tenant conditions and delivers alerts").build();
            Trigger trigger = TriggerBuilder.newTrigger().withIdentity(TRIGGER).forJob(JOB).startNow()
                    .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                            .withIntervalInMilliseconds(properties.interval().toMillis()).repeatForever()
                            .withMisfireHandlingInstructionNextWithRemainingCount())
                    .build();
            try {
                scheduler.addJob(job, false);
            } catch (ObjectAlreadyExistsException storedElsewhere) {
                log.debug("alert job already stored");
            }
            Trigger stored = scheduler.getTrigger(TRIGGER);
            if (stored == null) {
                try {
                    scheduler.scheduleJob(trigger);
                } catch (ObjectAlreadyExistsException storedElsewhere) {
                    log.debug("alert trigger stored by another replica");
                }
            } else if (!(stored instanceof SimpleTrigger simple)
                    || simple.getRepeatInterval() != properties.interval().toMillis()) {
                scheduler.rescheduleJob(TRIGGER, trigger);
            }
            running = true;
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not schedule the alert job: " + e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
