package io.entrasync.schedule;

import java.util.List;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Stores every {@link RepeatingJob} bean (the subscription renewal, the alert evaluation, the history purge) with its
 * repeating trigger in the clustered store at start-up, so one replica at a time runs each. Idempotent on every
 * replica: the first one stores job and trigger, the others find them, and a changed interval replaces the trigger.
 * Each job is stored in one transaction ({@link QuartzTransactions}), so its trigger never shows without its
 * simple-trigger row to a scheduler thread of another replica.
 */
@Component
class RepeatingJobs implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RepeatingJobs.class);

    private final Scheduler scheduler;
    private final QuartzTransactions transactions;
    private final List<RepeatingJob> jobs;
    private volatile boolean running;

    RepeatingJobs(Scheduler scheduler, QuartzTransactions transactions, List<RepeatingJob> jobs) {
        this.scheduler = scheduler;
        this.transactions = transactions;
        this.jobs = jobs;
    }

    @Override
    public void start() {
        for (RepeatingJob job : jobs) {
            try {
                transactions.run(() -> store(job));
            } catch (SchedulerException e) {
                throw new IllegalStateException("could not schedule the job that " + job.description() + ": "
                        + e.getMessage(), e);
            }
        }
        running = true;
    }

    private void store(RepeatingJob repeating) throws SchedulerException {
        JobDetail job = JobBuilder.newJob(repeating.type()).withIdentity(repeating.job()).storeDurably()
                .withDescription(repeating.description()).build();
        long interval = repeating.interval().toMillis();
        Trigger trigger = TriggerBuilder.newTrigger().withIdentity(repeating.trigger()).forJob(repeating.job())
                .startNow()
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(interval)
                        .repeatForever().withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
        try {
            scheduler.addJob(job, false);
        } catch (ObjectAlreadyExistsException storedElsewhere) {
            log.debug("job {} already stored", repeating.job());
        }
        Trigger stored = scheduler.getTrigger(repeating.trigger());
        if (stored == null) {
            try {
                scheduler.scheduleJob(trigger);
            } catch (ObjectAlreadyExistsException storedElsewhere) {
                log.debug("trigger {} stored by another replica", repeating.trigger());
            }
        } else if (!(stored instanceof SimpleTrigger simple) || simple.getRepeatInterval() != interval) {
            scheduler.rescheduleJob(repeating.trigger(), trigger);
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
