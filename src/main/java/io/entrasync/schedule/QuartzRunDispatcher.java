package io.entrasync.schedule;

import io.entrasync.sync.RunDispatcher;
import io.entrasync.sync.SyncRun;
import org.quartz.SchedulerException;
import org.springframework.stereotype.Component;

/**
 * Fires a queued manual or approval run through its tenant's Quartz job (a one-shot trigger carrying the run id), so
 * it waits for, and is waited for by, every other run of the tenant in the cluster.
 */
@Component
class QuartzRunDispatcher implements RunDispatcher {

    private final TenantScheduler tenants;

    QuartzRunDispatcher(TenantScheduler tenants) {
        this.tenants = tenants;
    }

    @Override
    public void dispatch(SyncRun run) {
        try {
            tenants.fireOnce(run.getTenant(), TenantJobs.runNow(run.getTenant(), run.getId()));
        } catch (SchedulerException e) {
            throw new IllegalStateException("Quartz refused run " + run.getId() + " of tenant '" + run.getTenant()
                    + "': " + e.getMessage(), e);
        }
    }
}
