package io.entrasync.schedule;

import io.entrasync.sync.RunDispatcher;
import io.entrasync.sync.SyncRun;
import org.quartz.JobPersistenceException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.stereotype.Component;

/**
 * Fires a queued manual or approval run through its tenant's Quartz job (a one-shot trigger carrying the run id), so
 * it waits for, and is waited for by, every other run of the tenant in the cluster.
 */
@Component
class QuartzRunDispatcher implements RunDispatcher {

    private final Scheduler scheduler;
    private final TenantScheduler tenants;
    private final QuartzTransactions transactions;

    QuartzRunDispatcher(Scheduler scheduler, TenantScheduler tenants, QuartzTransactions transactions) {
        this.scheduler = scheduler;
        this.tenants = tenants;
        this.transactions = transactions;
    }

    @Override
    public void dispatch(SyncRun run) {
        try {
            try {
                transactions.run(() -> scheduler.scheduleJob(TenantJobs.runNow(run.getTenant(), run.getId())));
            } catch (JobPersistenceException noJobYet) {
                // The job normally exists (TenantScheduler adds it); checking first cost every launch a transaction.
                if (scheduler.checkExists(TenantJobs.jobKey(run.getTenant()))) {
                    throw noJobYet;
                }
                transactions.run(() -> {
                    tenants.ensureJob(run.getTenant());
                    scheduler.scheduleJob(TenantJobs.runNow(run.getTenant(), run.getId()));
                });
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("Quartz refused run " + run.getId() + " of tenant '" + run.getTenant()
                    + "': " + e.getMessage(), e);
        }
    }
}
