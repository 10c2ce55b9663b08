package io.entrasync.schedule;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;

/**
 * The Quartz job of one tenant. Never runs twice at once for a tenant anywhere in the cluster
 * ({@link DisallowConcurrentExecution} on the clustered store); the run itself executes on the Quartz thread.
 */
@DisallowConcurrentExecution
class TenantSyncJob implements Job {

    private final TenantRuns runs;

    TenantSyncJob(TenantRuns runs) {
        this.runs = runs;
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        try {
            runs.execute(Fire.of(context));
        } catch (RuntimeException e) {
            throw new JobExecutionException("fire of tenant '" + context.getJobDetail().getKey().getName()
                    + "' failed: " + e.getMessage(), e, false);
        }
    }
}
