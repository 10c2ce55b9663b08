package io.entrasync.retention;

import io.entrasync.schedule.RepeatingJobs;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.TriggerKey;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Stores the retention job and its repeating trigger (every {@code entra-sync.retention.interval}, first fire now) in the clustered
 * store at start-up through {@link RepeatingJobs} (idempotent on every replica).
 */
@Component
class RetentionSchedule implements SmartLifecycle {

    static final JobKey JOB = JobKey.jobKey("history-retention", "retention");
    static final TriggerKey TRIGGER = TriggerKey.triggerKey("history-retention", "retention");

    private final Scheduler scheduler;
    private final RetentionProperties properties;
    private volatile boolean running;

    RetentionSchedule(Scheduler scheduler, RetentionProperties properties) {
        this.scheduler = scheduler;
        this.properties = properties;
    }

    @Override
    public void start() {
        RepeatingJobs.store(scheduler, RetentionJob.class, JOB, TRIGGER, properties.interval(), "purges old sync runs, their changes and old inbound mail");
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
