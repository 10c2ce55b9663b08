/**
 * History that does not grow forever: a clustered Quartz job ({@link io.entrasync.retention.RetentionJob}) purges
 * old sync runs (quiet ones sooner than those with changes, their change rows with them), old inbound mail, old alerts
 * and old audit events ({@code entra-sync.audit.retention}) in small batches, never touching a run something still
 * relies on (the tenant's newest run and newest success, the runs of a hold, a run an approval names, the run of the
 * applied mapping).
 */
package io.entrasync.retention;
