package io.entrasync.alert;

import io.entrasync.schedule.RepeatingJobs;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.TriggerKey;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Stores the alert job and its repeating trigger (every {@code entra-sync.alerts.interval}, first fire now) in the clustered
 * store at start-up through {@link RepeatingJobs} (idempotent on every replica).
 * Stored even without any channel: conditions are tracked and shown on the page all the same.
 */
@Component
class AlertSchedule implements SmartLifecycle {

    static final JobKey JOB = JobKey.jobKey("tenant-alerts", "alerts");
    static final TriggerKey TRIGGER = TriggerKey.triggerKey("tenant-alerts", "alerts");

    private final Scheduler scheduler;
    private final AlertProperties properties;
    private volatile boolean running;

    AlertSchedule(Scheduler scheduler, AlertProperties properties) {
        this.scheduler = scheduler;
        this.properties = properties;
    }

    @Override
    public void start() {
        RepeatingJobs.store(scheduler, AlertJob.class, JOB, TRIGGER, properties.interval(), "evaluates tenant conditions and delivers alerts");
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
