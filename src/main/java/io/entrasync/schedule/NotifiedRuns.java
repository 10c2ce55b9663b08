package io.entrasync.schedule;

import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
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
     * Whether a NOTIFIED fire of the tenant is still to come anywhere in the cluster: waiting for its time, for a
     * thread, or behind another fire of the tenant's job (the fire being executed no longer counts).
     */
    public boolean waiting(String tenant) {
        try {
            for (Trigger trigger : scheduler.getTriggersOfJob(TenantJobs.jobKey(tenant))) {
                if (trigger.getKey().getGroup().equals(TenantJobs.NOTIFY_GROUP)) {
                    Trigger.TriggerState state = scheduler.getTriggerState(trigger.getKey());
                    if (state == Trigger.TriggerState.NORMAL || state == Trigger.TriggerState.BLOCKED
                            || state == Trigger.TriggerState.PAUSED) {
                        return true;
                    }
                }
            }
            return false;
        } catch (SchedulerException e) {
            throw new IllegalStateException("Quartz could not list the fires of tenant '" + tenant + "': "
                    + e.getMessage(), e);
        }
    }

    /**
     * Schedules one NOTIFIED fire of the tenant's job, due after {@code delay}.
     *
     * @throws IllegalStateException when Quartz refused it
     */
    public void fireAfter(String tenant, java.time.Duration delay) {
        try {
            tenants.fireOnce(tenant, TenantJobs.notified(tenant, delay));
        } catch (SchedulerException e) {
            throw new IllegalStateException("Quartz refused the notified delta run of tenant '" + tenant + "': "
                    + e.getMessage(), e);
        }
    }
}
