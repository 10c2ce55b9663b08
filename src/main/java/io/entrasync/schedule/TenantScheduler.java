package io.entrasync.schedule;

import io.entrasync.mapping.MappingRegistry;
import io.entrasync.mapping.TenantMapping;
import io.entrasync.mapping.TenantMappingStatus;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.quartz.CronTrigger;
import org.quartz.JobKey;
import org.quartz.JobPersistenceException;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps Quartz in step with the mapping files: every valid tenant has its job and the cron triggers its mapping
 * asks for; a changed schedule or time zone replaces the trigger; a tenant whose file was removed or became invalid
 * loses its job and triggers (its accounts stay as they are). Runs at start-up and every
 * {@code entra-sync.schedule.reconcile-interval}. Idempotent, so every replica may do it on the shared store.
 */
@Component
public class TenantScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TenantScheduler.class);

    private final Scheduler scheduler;
    private final MappingRegistry mappings;
    private final ScheduleProperties properties;
    private final QuartzTransactions transactions;
    private ScheduledExecutorService timer;
    /** Passes of {@link #reconcile()} between two checks of every tenant. */
    static final int FULL_CHECK_EVERY = 10;
    /** The trigger signatures this replica stored per tenant (guarded by this). */
    private final Map<String, List<String>> stored = new HashMap<>();
    private long passes;

    TenantScheduler(Scheduler scheduler, MappingRegistry mappings, ScheduleProperties properties,
                    QuartzTransactions transactions) {
        this.transactions = transactions;
        this.scheduler = scheduler;
        this.mappings = mappings;
        this.properties = properties;
    }

    /**
     * Brings jobs and triggers in step with the mapping files now. A tenant whose schedules this replica already
     * stored (same cron expressions and time zone) and whose job still exists is skipped: checking every tenant's job
     * and triggers cost three Quartz transactions per tenant per interval, a steady load with a thousand tenants.
     * Every {@link #FULL_CHECK_EVERY}th pass checks every tenant again, in case the store was changed elsewhere.
     */
    public synchronized void reconcile() throws SchedulerException {
        boolean fullCheck = passes++ % FULL_CHECK_EVERY == 0;
        Map<String, TenantMapping> wanted = new LinkedHashMap<>();
        for (TenantMappingStatus status : mappings.refresh()) {
            status.validMapping().ifPresent(m -> wanted.putIfAbsent(m.tenant(), m));
        }
        Set<JobKey> jobs = scheduler.getJobKeys(GroupMatcher.jobGroupEquals(TenantJobs.GROUP));
        for (TenantMapping mapping : wanted.values()) {
            List<String> signature = signature(mapping);
            if (!fullCheck && signature.equals(stored.get(mapping.tenant()))
                    && jobs.contains(TenantJobs.jobKey(mapping.tenant()))) {
                continue;
            }
            try {
                transactions.run(() -> {
                    ensureJob(mapping.tenant());
                    schedule(mapping);
                });
                stored.put(mapping.tenant(), signature);
            } catch (SchedulerException e) {
                stored.remove(mapping.tenant());
                log.warn("tenant '{}' could not be scheduled (its other tenants are): {}", mapping.tenant(),
                        e.getMessage());
            }
        }
        stored.keySet().retainAll(wanted.keySet());
        for (JobKey job : jobs) {
            if (!wanted.containsKey(job.getName()) && scheduler.deleteJob(job)) {
                log.warn("tenant '{}' has no valid mapping file any more: its scheduled syncs were removed; its accounts "
                        + "are left as they are", job.getName());
            }
        }
    }

    /** What the tenant's stored triggers must match: key, cron expression and time zone of each. */
    private static List<String> signature(TenantMapping mapping) {
        return TenantJobs.triggers(mapping).stream().map(t -> t.getKey() + " " + t.getCronExpression() + " "
                + t.getTimeZone().getID()).toList();
    }

    /**
     * Stores a one-shot fire of the tenant's job (a queued run, a notified delta run) in one transaction
     * ({@link QuartzTransactions}); when the job does not exist yet it is added in the same transaction. The job
     * normally exists (reconcile adds it): checking first cost every fire a transaction.
     */
    void fireOnce(String tenant, Trigger trigger) throws SchedulerException {
        try {
            transactions.run(() -> scheduler.scheduleJob(trigger));
        } catch (JobPersistenceException noJobYet) {
            if (scheduler.checkExists(TenantJobs.jobKey(tenant))) {
                throw noJobYet;
            }
            transactions.run(() -> {
                ensureJob(tenant);
                scheduler.scheduleJob(trigger);
            });
        }
    }

    /** Adds the tenant's job when it does not exist yet (another replica may add it at the same time). */
    void ensureJob(String tenant) throws SchedulerException {
        if (scheduler.checkExists(TenantJobs.jobKey(tenant))) {
            return;
        }
        try {
            scheduler.addJob(TenantJobs.job(tenant), false);
        } catch (ObjectAlreadyExistsException addedElsewhere) {
            log.debug("job of tenant '{}' was added by another replica", tenant);
        }
    }

    private void schedule(TenantMapping mapping) throws SchedulerException {
        List<CronTrigger> triggers = TenantJobs.triggers(mapping);
        for (CronTrigger wanted : triggers) {
            Trigger existing = scheduler.getTrigger(wanted.getKey());
            if (existing == null) {
                try {
                    scheduler.scheduleJob(wanted);
                } catch (ObjectAlreadyExistsException addedElsewhere) {
                    continue;
                }
            } else if (!TenantJobs.same(existing, wanted)) {
                scheduler.rescheduleJob(wanted.getKey(), wanted);
            } else {
                continue;
            }
            Trigger stored = scheduler.getTrigger(wanted.getKey());
            Date next = stored == null ? null : stored.getNextFireTime();
            log.info("tenant '{}': {} scheduled as '{}' in {}; next fire at {}", mapping.tenant(),
                    wanted.getJobDataMap().getString(TenantJobs.MODE), wanted.getCronExpression(),
                    wanted.getTimeZone().getID(), next == null ? null : next.toInstant());
        }
        Set<TriggerKey> keep = triggers.stream().map(Trigger::getKey).collect(Collectors.toSet());
        for (Trigger stored : scheduler.getTriggersOfJob(TenantJobs.jobKey(mapping.tenant()))) {
            if (TenantJobs.GROUP.equals(stored.getKey().getGroup()) && !keep.contains(stored.getKey())) {
                scheduler.unscheduleJob(stored.getKey());
                log.info("tenant '{}': trigger {} removed (no longer in the mapping)", mapping.tenant(),
                        stored.getKey().getName());
            }
        }
    }

    private void reconcileQuietly() {
        try {
            reconcile();
        } catch (SchedulerException | RuntimeException e) {
            log.warn("could not bring the Quartz schedules in step with the mapping files; retrying in {}: {}",
                    properties.reconcileInterval(), e.getMessage());
        }
    }

    @Override
    public synchronized void start() {
        reconcileQuietly();
        long every = properties.reconcileInterval().toMillis();
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "tenant-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::reconcileQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}
