/**
 * Scheduling on Quartz's clustered JDBC job store: one durable, non-concurrent, recovering job per tenant
 * ({@link io.entrasync.schedule.TenantSyncJob}) whose cron triggers come from the tenant's mapping file and are kept in
 * step with the mapping files by {@link io.entrasync.schedule.TenantScheduler}. Manual and approval runs are fired
 * through the same job ({@link io.entrasync.schedule.QuartzRunDispatcher}), so no two runs of a tenant ever execute
 * at once anywhere in the cluster.
 */
package io.entrasync.schedule;
