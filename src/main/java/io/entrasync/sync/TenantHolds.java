package io.entrasync.sync;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code tenant_hold} rows. Reads join the caller's transaction. The hold a BLOCKED run records is written in the
 * transaction that ends the run (the run's own transaction is rolled back), so a hold never names a run that did
 * not end BLOCKED; an admin's decisions commit on their own. A run's release of the hold it approved happens in the
 * run's transaction, so the accounts it changes and the end of the hold commit together.
 */
@Component
public class TenantHolds {

    private static final String COLUMNS = "tenant, state, held_since, first_run_id, latest_run_id, "
            + "planned_deactivations, reason, full_read, mapping_hash, rejected_at";

    private final JdbcTemplate jdbc;

    TenantHolds(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<TenantHold> current(String tenant) {
        return jdbc.query("select " + COLUMNS + " from tenant_hold where tenant = ?", TenantHolds::hold, tenant)
                .stream().findFirst();
    }

    /** Every held tenant, by tenant key (one query for the tenant list). */
    public Map<String, TenantHold> all() {
        return jdbc.query("select " + COLUMNS + " from tenant_hold", TenantHolds::hold).stream()
                .collect(Collectors.toMap(TenantHold::tenant, Function.identity()));
    }

    /**
     * Records a BLOCKED run in the caller's transaction, the one that ends the run (so the hold and the run it names
     * commit together): {@code fresh} starts the tenant's hold with it (replacing a lifted one); otherwise it becomes
     * the newest plan of the hold already there, which keeps its state (a rejected hold stays rejected) and its first
     * run. Answers false, and writes nothing, when the run was to extend a hold that is gone: an admin's release is
     * never undone by a run that was going when it was made.
     *
     * @param reason why the tenant is held now (a hold that re-planned under a changed mapping takes its new verdict)
     */
    public boolean blocked(long runId, SyncMode mode, String tenant, boolean fresh, int plannedDeactivations,
                           String reason, String mappingHash) {
        boolean full = mode == SyncMode.FULL;
        if (!fresh) {
            return jdbc.update("update tenant_hold set latest_run_id = ?, planned_deactivations = ?, "
                    + "full_read = full_read or ?, mapping_hash = ?, reason = ? where tenant = ?", runId,
                    plannedDeactivations, full, mappingHash, reason, tenant) == 1;
        }
        release(tenant);
        jdbc.update("insert into tenant_hold (" + COLUMNS + ") values (?, 'PENDING', ?, ?, ?, ?, ?, ?, ?, null)",
                tenant, Timestamp.from(Instant.now()), runId, runId, plannedDeactivations, reason, full, mappingHash);
        return true;
    }

    /** Marks the hold rejected; false when the tenant is not held or its hold no longer covers {@code runId}. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public boolean reject(String tenant, long runId) {
        return jdbc.update("update tenant_hold set state = 'REJECTED', rejected_at = ? where tenant = ? "
                + "and first_run_id <= ? and latest_run_id >= ?", Timestamp.from(Instant.now()), tenant, runId, runId) == 1;
    }

    /** Ends the hold in the caller's transaction; false when the tenant was not held. */
    public boolean release(String tenant) {
        return jdbc.update("delete from tenant_hold where tenant = ?", tenant) == 1;
    }

    /** An admin's release, committed on its own. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public boolean releaseNow(String tenant) {
        return release(tenant);
    }


    private static TenantHold hold(ResultSet rs, int row) throws SQLException {
        Timestamp rejected = rs.getTimestamp("rejected_at");
        return new TenantHold(rs.getString("tenant"), TenantHold.State.valueOf(rs.getString("state")),
                rs.getTimestamp("held_since").toInstant(), rs.getLong("first_run_id"), rs.getLong("latest_run_id"),
                rs.getInt("planned_deactivations"), rs.getString("reason"), rs.getBoolean("full_read"),
                rs.getString("mapping_hash"), rejected == null ? null : rejected.toInstant());
    }
}
