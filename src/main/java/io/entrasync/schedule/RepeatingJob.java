package io.entrasync.schedule;

import java.time.Duration;
import java.util.Objects;
import org.quartz.Job;
import org.quartz.JobKey;
import org.quartz.TriggerKey;

/**
 * A service-wide job that repeats every {@code interval} (first fire at start-up) and runs on one replica at a time.
 * A feature declares it as a bean; {@link RepeatingJobs} stores it in the clustered store.
 *
 * @param description what the job does, for Quartz's tables and the start-up error that names it
 */
public record RepeatingJob(Class<? extends Job> type, JobKey job, TriggerKey trigger, Duration interval,
                           String description) {

    public RepeatingJob {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(trigger, "trigger");
        if (interval == null || interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("the interval of " + job + " must be positive, was " + interval);
        }
    }
}
