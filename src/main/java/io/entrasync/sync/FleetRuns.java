package io.entrasync.sync;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The run history of every tenant at once, for the fleet view: each method is one statement over the whole fleet,
 * so a page of {@code GET /api/tenants} costs the same number of queries for 10 tenants as for 1,000 (the per-tenant
 * lookups it replaces cost two queries per tenant). The queries use plain SQL aggregates that PostgreSQL and H2 (in
 * PostgreSQL mode) both run; {@code ix_sync_run_tenant (tenant, id)} and {@code ix_sync_run_status (status, tenant,
 * id)} keep them index scans.
 */
@Service
public class FleetRuns {

    private final SyncRunRepository runs;
    private final JdbcTemplate jdbc;

    FleetRuns(SyncRunRepository runs, JdbcTemplate jdbc) {
        this.runs = runs;
        this.jdbc = jdbc;
    }

    /**
     * A tenant's successes.
     *
     * @param lastSuccessAt       when its newest SUCCEEDED run (dry or not) finished
     * @param lastAppliedMappingHash the mapping hash of its newest SUCCEEDED non-dry run; null before the first
     */
    public record Successes(Instant lastSuccessAt, String lastAppliedMappingHash) {
    }

    /** Tenant key to its newest run (possibly still active); a tenant that never ran is absent. */
    @Transactional(readOnly = true)
    public Map<String, SyncRun> latest() {
        Map<String, SyncRun> latest = new HashMap<>();
        for (SyncRun run : runs.findLatestOfEachTenant()) {
            latest.put(run.getTenant(), run);
        }
        return latest;
    }

    /** Tenant key to its successes; a tenant without a SUCCEEDED run is absent. */
    @Transactional(readOnly = true)
    public Map<String, Successes> successes() {
        Map<String, Successes> found = new HashMap<>();
        jdbc.query("select s.tenant, s.last_success, a.mapping_hash from (select tenant, max(finished_at) as "
                + "last_success, max(case when dry_run = false then id end) as applied_id from sync_run "
                + "where status = 'SUCCEEDED' group by tenant) s left join sync_run a on a.id = s.applied_id",
                rs -> {
                    Timestamp at = rs.getTimestamp(2);
                    found.put(rs.getString(1), new Successes(at == null ? null : at.toInstant(), rs.getString(3)));
                });
        return found;
    }

    /**
     * Tenant key to the number of FAILED runs since its newest run that ended otherwise (SUCCEEDED or BLOCKED): how
     * many times in a row it failed. Active runs neither count nor break the series. A tenant whose newest ended run
     * did not fail is absent.
     */
    @Transactional(readOnly = true)
    public Map<String, Integer> consecutiveFailures() {
        Map<String, Integer> found = new HashMap<>();
        jdbc.query("select f.tenant, count(*) from sync_run f left join (select tenant, max(id) as ended_id "
                + "from sync_run where status in ('SUCCEEDED', 'BLOCKED') group by tenant) e on e.tenant = f.tenant "
                + "where f.status = 'FAILED' and (e.ended_id is null or f.id > e.ended_id) group by f.tenant",
                rs -> {
                    found.put(rs.getString(1), rs.getInt(2));
                });
        return found;
    }
}
