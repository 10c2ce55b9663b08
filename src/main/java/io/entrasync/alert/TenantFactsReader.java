package io.entrasync.alert;

import io.entrasync.mapping.MappingRegistry;
import io.entrasync.mapping.TenantMappingStatus;
import io.entrasync.notify.NotificationStates;
import io.entrasync.notify.NotificationStatus;
import io.entrasync.sync.TenantHold;
import io.entrasync.sync.TenantHolds;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads every tenant's {@link TenantFacts}: the mapping registry, the holds, the notification states and two run
 * queries for all tenants together (not per tenant), so a pass costs the same few queries at 1,000 tenants.
 */
@Component
class TenantFactsReader {

    /** Per tenant: the failed runs newer than its newest success or hold, and the newest of them. */
    private static final String STREAKS = "select r.tenant, count(*), max(r.id) from sync_run r "
            + "where r.status = 'FAILED' and r.id > coalesce((select max(s.id) from sync_run s "
            + "where s.tenant = r.tenant and s.status in ('SUCCEEDED', 'BLOCKED')), 0) group by r.tenant";

    private final MappingRegistry mappings;
    private final TenantHolds holds;
    private final NotificationStates notifications;
    private final JdbcTemplate jdbc;

    TenantFactsReader(MappingRegistry mappings, TenantHolds holds, NotificationStates notifications, JdbcTemplate jdbc) {
        this.mappings = mappings;
        this.holds = holds;
        this.notifications = notifications;
        this.jdbc = jdbc;
    }

    private record Streak(int failures, long newestRunId) {
    }

    /**
     * The facts of every tenant that has a mapping file or a hold, sorted by tenant key. A tenant whose file was
     * removed drops out (its open conditions then resolve); its runs and accounts are the orphaned tenants' concern.
     */
    @Transactional(readOnly = true)
    public List<TenantFacts> read() {
        Map<String, String> mappingErrors = new HashMap<>();
        Set<String> tenants = new TreeSet<>();
        for (TenantMappingStatus status : mappings.all()) {
            if (status.tenant() != null) {
                tenants.add(status.tenant());
                if (!status.valid()) {
                    mappingErrors.putIfAbsent(status.tenant(), status.errors().get(0).toString());
                }
            }
        }
        Map<String, TenantHold> held = holds.all();
        Map<String, NotificationStatus> notified = notifications.all();
        Map<String, Streak> streaks = new HashMap<>();
        jdbc.query(STREAKS, rs -> {
            streaks.put(rs.getString(1), new Streak(rs.getInt(2), rs.getLong(3)));
        });
        Map<String, Instant> successes = new HashMap<>();
        jdbc.query("select tenant, max(finished_at) from sync_run where status = 'SUCCEEDED' group by tenant", rs -> {
            Timestamp at = rs.getTimestamp(2);
            if (at != null) {
                successes.put(rs.getString(1), at.toInstant());
            }
        });
        tenants.addAll(held.keySet());
        List<TenantFacts> facts = new ArrayList<>(tenants.size());
        for (String tenant : tenants) {
            TenantHold hold = held.get(tenant);
            Streak streak = streaks.getOrDefault(tenant, new Streak(0, 0));
            facts.add(new TenantFacts(tenant, hold == null ? null : hold.heldSince(),
                    hold != null && hold.state() == TenantHold.State.PENDING, hold == null ? null : hold.reason(),
                    streak.failures(), streak.failures() == 0 ? null : error(streak.newestRunId()),
                    mappingErrors.get(tenant), notificationError(notified.get(tenant)), successes.get(tenant)));
        }
        return facts;
    }

    private String error(long runId) {
        return jdbc.query("select error from sync_run where id = ?", (rs, i) -> rs.getString(1), runId).stream()
                .findFirst().orElse(null);
    }

    private static String notificationError(NotificationStatus status) {
        return status == null || !status.enabled() || status.errors().isEmpty() ? null : status.errors().get(0);
    }
}
