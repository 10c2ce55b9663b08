/**
 * Sync runs: the run lifecycle (queued, running, succeeded, failed, blocked), the per-tenant run lock shared by
 * every replica through the database, the per-user change log, and {@link io.entrasync.sync.SyncService} which
 * drives one run through the Graph source, the mirror, the mapping engine and the reconcile core.
 */
package io.entrasync.sync;
