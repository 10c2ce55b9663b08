package io.entrasync.schedule;

import org.quartz.JobPersistenceException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.stereotype.Component;

/**
 * Asks the tenant's Quartz job for one NOTIFIED delta run, executed like a scheduled fire: after every run of the
 * tenant already waiting or running anywhere in the cluster, through the deletion guard, the tenant hold and the
 * one-active-run-per-tenant lock.
 */
@Component
public class NotifiedRuns {

    private final Scheduler scheduler;
    private final TenantScheduler tenants;

    NotifiedRuns(Scheduler scheduler, TenantScheduler tenants) {
        this.scheduler = scheduler;
        this.tenants = tenants;
    }

    /**
     * Schedules one NOTIFIED fire of the tenant's job, due after {@code delay}.
     *
     * @throws IllegalStateException when Quartz refused it
     */
    public void fireAfter(String tenant, java.time.Duration delay) {
        try {
            try {
                scheduler.scheduleJob(TenantJobs.notified(tenant, delay));
            } catch (JobPersistenceException noJobYet) {
                if (scheduler.checkExists(TenantJobs.jobKey(tenant))) {
                    throw noJobYet;
                }
                tenants.ensureJob(tenant);
                scheduler.scheduleJob(TenantJobs.notified(tenant, delay));
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("Quartz refused the notified delta run of tenant '" + tenant + "': "
                    + e.getMessage(), e);
        }
    }
}
