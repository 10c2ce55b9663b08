package io.entrasync.notify;

import io.entrasync.schedule.RepeatingJobs;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.TriggerKey;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Stores the renewal job and its repeating trigger (every {@code renew-interval}, first fire now) in the clustered
 * store at start-up through {@link RepeatingJobs} (idempotent on every replica).
 * Stored even without any public URL: a pass then only checks the mappings (a tenant may name its own URL, and a
 * tenant that lost its URL has its subscriptions deleted).
 */
@Component
class SubscriptionSchedule implements SmartLifecycle {

    static final JobKey JOB = JobKey.jobKey("graph-subscriptions", "notifications");
    static final TriggerKey TRIGGER = TriggerKey.triggerKey("graph-subscriptions", "notifications");

    private final Scheduler scheduler;
    private final NotificationProperties properties;
    private volatile boolean running;

    SubscriptionSchedule(Scheduler scheduler, NotificationProperties properties) {
        this.scheduler = scheduler;
        this.properties = properties;
    }

    @Override
    public void start() {
        RepeatingJobs.store(scheduler, SubscriptionRenewalJob.class, JOB, TRIGGER, properties.renewInterval(), "creates and renews Graph change-notification subscriptions");
        running = true;
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
