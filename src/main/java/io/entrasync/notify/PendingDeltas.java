package io.entrasync.notify;

import io.entrasync.schedule.NotifiedFireListener;
import io.entrasync.schedule.NotifiedRuns;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Coalesces a tenant's notifications into delta runs, across replicas: the first notification of a burst inserts the
 * tenant's {@code notification_pending} row (the primary key lets one insert win anywhere in the cluster) and asks
 * for one NOTIFIED fire, due after the coalesce window; later ones only count. The row goes when that fire starts, before its run reads the delta,
 * so a notification during the run asks for exactly one more run, after it. A row older than {@link #STALE} whose
 * fire never came (the replica died between the insert and the scheduling) asks again.
 */
@Component
class PendingDeltas implements NotifiedFireListener {

    static final Duration STALE = Duration.ofMinutes(2);
    private static final Logger log = LoggerFactory.getLogger(PendingDeltas.class);

    private final JdbcTemplate jdbc;
    private final NotifiedRuns runs;
    private final Duration window;
    private final Clock clock;

    PendingDeltas(JdbcTemplate jdbc, NotifiedRuns runs, NotificationProperties properties) {
        this.jdbc = jdbc;
        this.runs = runs;
        this.window = properties.coalesceWindow();
        this.clock = Clock.systemUTC();
    }

    /** A notification for the tenant arrived: ask for a delta run unless one is already waiting for it. */
    void request(String tenant) {
        Instant now = clock.instant();
        boolean first = jdbc.update("insert into notification_pending (tenant, since) values (?, ?) "
                + "on conflict do nothing", tenant, Timestamp.from(now)) == 1;
        if (!first) {
            first = jdbc.update("update notification_pending set since = ?, notifications = notifications + 1 "
                    + "where tenant = ? and since < ?", Timestamp.from(now), tenant,
                    Timestamp.from(now.minus(STALE))) == 1;
            if (!first) {
                jdbc.update("update notification_pending set notifications = notifications + 1 where tenant = ?",
                        tenant);
                return;
            }
        }
        try {
            runs.fireAfter(tenant, window);
        } catch (IllegalStateException e) {
            // the row stays: the next notification after STALE asks again, the scheduled delta covers it meanwhile
            log.warn("notified delta run of tenant '{}' could not be scheduled: {}", tenant, e.getMessage());
        }
    }

    @Override
    public void starting(String tenant) {
        Integer coalesced = jdbc.query("select notifications from notification_pending where tenant = ?",
                (rs, i) -> rs.getInt(1), tenant).stream().findFirst().orElse(0);
        jdbc.update("delete from notification_pending where tenant = ?", tenant);
        log.info("tenant '{}': delta run for {} change notification(s)", tenant, coalesced);
    }
}
