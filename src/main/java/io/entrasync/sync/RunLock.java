package io.entrasync.sync;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * At most one active run per tenant across every replica: a row in {@code tenant_run_lock}, inserted when a run
 * is queued and deleted when it ends. The primary key lets only one insert per tenant succeed on any replica. A lock
 * older than the stale limit belongs to a replica that died; it may be taken over.
 * <p>
 * Every method runs in the caller's transaction (the run record's step in {@link SyncRuns}), so that a run record
 * and its lock change together, in one commit.
 */
@Component
class RunLock {

    private final JdbcTemplate jdbc;

    RunLock(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The run holding the tenant's lock, if any. */
    Optional<Long> holder(String tenant) {
        return jdbc.query("select run_id from tenant_run_lock where tenant = ?", (rs, i) -> rs.getLong(1), tenant)
                .stream().findFirst();
    }

    /**
     * Takes the lock for the run; false when another run holds it (and is not stale). A concurrent taker on another
     * replica waits for this transaction and then finds the row: "on conflict do nothing" instead of a unique
     * violation, which on PostgreSQL would abort the caller's transaction.
     */
    boolean tryAcquire(String tenant, long runId, Duration staleAfter) {
        jdbc.update("delete from tenant_run_lock where tenant = ? and locked_at < ?", tenant,
                Timestamp.from(Instant.now().minus(staleAfter)));
        return jdbc.update("insert into tenant_run_lock (tenant, run_id, locked_at) values (?, ?, ?) on conflict do nothing",
                tenant, runId, Timestamp.from(Instant.now())) == 1;
    }

    /** Keeps a long run's lock fresh. */
    void refresh(long runId) {
        jdbc.update("update tenant_run_lock set locked_at = ? where run_id = ?", Timestamp.from(Instant.now()), runId);
    }

    void release(String tenant, long runId) {
        jdbc.update("delete from tenant_run_lock where tenant = ? and run_id = ?", tenant, runId);
    }
}
