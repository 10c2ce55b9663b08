package io.entrasync.notify;

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
 * Stores the renewal job and its repeating trigger (every {@code renew-interval}, first fire now) in the clustered
 * store at start-up. Idempotent: every replica does it; the first one stores, a changed interval replaces the trigger.
 * Stored even without any public URL: a pass then only checks the mappings (a tenant may name its own URL, and a
 * tenant that lost its URL has its subscriptions deleted).
 */
@Component
class SubscriptionSchedule implements SmartLifecycle {

    static final JobKey JOB = JobKey.jobKey("graph-subscriptions", "notifications");
    static final TriggerKey TRIGGER = TriggerKey.triggerKey("graph-subscriptions", "notifications");
    private static final Logger log = LoggerFactory.getLogger(SubscriptionSchedule.class);

    private final Scheduler scheduler;
    private final NotificationProperties properties;
    private volatile boolean running;

    SubscriptionSchedule(Scheduler scheduler, NotificationProperties properties) {
        this.scheduler = scheduler;
        this.properties = properties;
    }

    @Override
    public void start() {
        try {
            JobDetail job = JobBuilder.newJob(SubscriptionRenewalJob.class).withIdentity(JOB).storeDurably()
                    .withDescription("creates and renews Graph change-notification subscriptions").build();
            Trigger trigger = TriggerBuilder.newTrigger().withIdentity(TRIGGER).forJob(JOB).startNow()
                    .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                            .withIntervalInMilliseconds(properties.renewInterval().toMillis()).repeatForever()
                            .withMisfireHandlingInstructionNextWithRemainingCount())
                    .build();
            try {
                scheduler.addJob(job, false);
            } catch (ObjectAlreadyExistsException storedElsewhere) {
                log.debug("renewal job already stored");
            }
            Trigger stored = scheduler.getTrigger(TRIGGER);
            if (stored == null) {
                try {
                    scheduler.scheduleJob(trigger);
                } catch (ObjectAlreadyExistsException storedElsewhere) {
                    log.debug("renewal trigger stored by another replica");
                }
            } else if (!(stored instanceof SimpleTrigger simple)
                    || simple.getRepeatInterval() != properties.renewInterval().toMillis()) {
                scheduler.rescheduleJob(TRIGGER, trigger);
            }
            running = true;
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not schedule the Graph subscription renewal: " + e.getMessage(), e);
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
