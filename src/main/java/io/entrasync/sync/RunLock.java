package io.entrasync.sync;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * At most one active run per tenant across every replica: a row in {@code tenant_run_lock}, inserted when a run
 * is queued and deleted when it ends. The primary key makes a second insert fail on any replica. A lock older
 * than the stale limit belongs to a replica that died; it may be taken over.
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

    /** Takes the lock for the run; false when another run holds it (and is not stale). */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public boolean tryAcquire(String tenant, long runId, Duration staleAfter) {
        jdbc.update("delete from tenant_run_lock where tenant = ? and locked_at < ?", tenant,
                Timestamp.from(Instant.now().minus(staleAfter)));
        try {
            jdbc.update("insert into tenant_run_lock (tenant, run_id, locked_at) values (?, ?, ?)", tenant, runId,
                    Timestamp.from(Instant.now()));
            return true;
        } catch (DuplicateKeyException held) {
            return false;
        }
    }

    /** Keeps a long run's lock fresh. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void refresh(String tenant, long runId) {
        jdbc.update("update tenant_run_lock set locked_at = ? where tenant = ? and run_id = ?",
                Timestamp.from(Instant.now()), tenant, runId);
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void release(String tenant, long runId) {
        jdbc.update("delete from tenant_run_lock where tenant = ? and run_id = ?", tenant, runId);
    }
}
