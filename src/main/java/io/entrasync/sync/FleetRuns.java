package io.entrasync.sync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The run history of many tenants at once, for the fleet view: two statements for up to {@link #CHUNK} tenants,
 * whatever their number or history, where the per-tenant look-ups it replaces cost two queries per tenant.
 * <p>
 * The first statement asks, per tenant key (a {@code VALUES} list), for the ids of its newest run, newest success,
 * newest applied (non-dry) success (only whether there is one), newest BLOCKED and newest FAILED run (with its
 * error), and counts its FAILED runs after the newer of the success and the BLOCKED run:
 * each is a short backward scan of {@code ix_sync_run_tenant (tenant, id)} or {@code ix_sync_run_status (status,
 * tenant, id)}, so the cost follows the number of tenants, not of runs (an aggregate over all of {@code sync_run}
 * read 100,000 rows three times: ~450 ms on the loaded bench machine). The second loads those runs by id. Both are
 * plain SQL that PostgreSQL and H2 (PostgreSQL mode) run alike.
 */
@Service
public class FleetRuns {

    /** Tenants per statement: bind parameters stay far below PostgreSQL's limit of 65,535. */
    static final int CHUNK = 5000;

    private final SyncRunRepository runs;
    private final JdbcTemplate jdbc;

    FleetRuns(SyncRunRepository runs, JdbcTemplate jdbc) {
        this.runs = runs;
        this.jdbc = jdbc;
    }

    /**
     * What the fleet view knows of one tenant's runs.
     *
     * @param latest                 its newest run (possibly still active); null when it never ran
     * @param lastSuccessAt          when its newest SUCCEEDED run (dry or not) finished; null when none did
     * @param applied                it has a SUCCEEDED non-dry run (which mapping that run applied is
     *                               {@link AppliedMappings}' to say, the one record of it)
     * @param failuresInRow          its FAILED runs since its newest run that ended otherwise (SUCCEEDED or BLOCKED);
     *                               active runs neither count nor break the series
     * @param lastError              the newest FAILED run's error while {@code failuresInRow > 0}; null otherwise
     */
    public record Facts(SyncRun latest, Instant lastSuccessAt, boolean applied, int failuresInRow,
                        String lastError) {

        public static final Facts NONE = new Facts(null, null, false, 0, null);
    }

    private record Ids(Long latest, Long success, Long applied, int failures, String lastError) {
    }

    /** Tenant key to its facts; a tenant that never ran maps to {@link Facts#NONE}. */
    @Transactional(readOnly = true)
    public Map<String, Facts> of(Collection<String> tenants) {
        List<String> keys = List.copyOf(new HashSet<>(tenants));
        Map<String, Ids> ids = new HashMap<>();
        for (int from = 0; from < keys.size(); from += CHUNK) {
            List<String> chunk = keys.subList(from, Math.min(from + CHUNK, keys.size()));
            jdbc.query(idsQuery(chunk.size()), rs -> {
                ids.put(rs.getString(1), new Ids(id(rs.getLong(2), rs.wasNull()), id(rs.getLong(3), rs.wasNull()),
                        id(rs.getLong(4), rs.wasNull()), rs.getInt(5), rs.getString(6)));
            }, chunk.toArray());
        }
        Set<Long> wanted = new HashSet<>();
        ids.values().forEach(i -> {
            addIfPresent(wanted, i.latest());
            addIfPresent(wanted, i.success());
        });
        Map<Long, SyncRun> byId = new HashMap<>();
        List<Long> all = new ArrayList<>(wanted);
        for (int from = 0; from < all.size(); from += CHUNK) {
            runs.findAllById(all.subList(from, Math.min(from + CHUNK, all.size())))
                    .forEach(run -> byId.put(run.getId(), run));
        }
        Map<String, Facts> facts = new HashMap<>();
        for (String tenant : keys) {
            Ids i = ids.get(tenant);
            if (i == null || i.latest() == null) {
                facts.put(tenant, Facts.NONE);
                continue;
            }
            SyncRun success = i.success() == null ? null : byId.get(i.success());
            facts.put(tenant, new Facts(byId.get(i.latest()), success == null ? null : success.getFinishedAt(),
                    i.applied() != null, i.failures(),
                    i.failures() == 0 ? null : i.lastError()));
        }
        return facts;
    }

    private static String idsQuery(int tenants) {
        String values = String.join(", ", Collections.nCopies(tenants, "(?)"));
        return "select x.tenant, x.latest_id, x.success_id, x.applied_id, "
                + "(select count(*) from sync_run f where f.status = 'FAILED' and f.tenant = x.tenant "
                + "and f.id > greatest(coalesce(x.success_id, 0), coalesce(x.blocked_id, 0))) as failures, "
                + "(select e.error from sync_run e where e.id = x.failed_id) as last_error "
                + "from (select v.tenant, "
                + "(select max(r.id) from sync_run r where r.tenant = v.tenant) as latest_id, "
                + "(select max(r.id) from sync_run r where r.status = 'SUCCEEDED' and r.tenant = v.tenant) as success_id, "
                + "(select max(r.id) from sync_run r where r.status = 'SUCCEEDED' and r.tenant = v.tenant "
                + "and r.dry_run = false) as applied_id, "
                + "(select max(r.id) from sync_run r where r.status = 'BLOCKED' and r.tenant = v.tenant) as blocked_id, "
                + "(select max(r.id) from sync_run r where r.status = 'FAILED' and r.tenant = v.tenant) as failed_id "
                + "from (values " + values + ") as v (tenant)) x";
    }

    private static Long id(long value, boolean wasNull) {
        return wasNull ? null : value;
    }

    private static void addIfPresent(Set<Long> ids, Long id) {
        if (id != null) {
            ids.add(id);
        }
    }
}
