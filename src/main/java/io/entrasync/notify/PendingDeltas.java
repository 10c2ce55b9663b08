package io.entrasync.notify;

import io.entrasync.mapping.MappingRegistry;
import io.entrasync.mapping.TenantMappingStatus;
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
 * for one NOTIFIED fire, due after the coalesce window; later ones only count. The row goes when that fire starts a
 * run, before the run reads the delta, so a notification during the run asks for exactly one more run, after it.
 * <p>
 * A row older than {@link #STALE} asks again only when no NOTIFIED fire of the tenant is waiting in Quartz (the replica
 * died between the insert and the scheduling): a fire waiting behind a long run is still to come, and asking again
 * then cost one more delta run per notification. A fire that finds the tenant locked by a run that will not read and
 * save the delta (a dry run, an approval) keeps the row and asks for a fire after that run ({@link #deferred}).
 * Tenants without a valid mapping get no run: a run of theirs could only fail.
 */
@Component
class PendingDeltas implements NotifiedFireListener {

    static final Duration STALE = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(PendingDeltas.class);

    private final JdbcTemplate jdbc;
    private final NotifiedRuns runs;
    private final MappingRegistry mappings;
    private final Duration window;
    private final Clock clock;

    PendingDeltas(JdbcTemplate jdbc, NotifiedRuns runs, MappingRegistry mappings, NotificationProperties properties) {
        this.jdbc = jdbc;
        this.runs = runs;
        this.mappings = mappings;
        this.window = properties.coalesceWindow();
        this.clock = Clock.systemUTC();
    }

    /** {@code notifications} arrived for the tenant: ask for a delta run unless one is already waiting for it. */
    void request(String tenant, int notifications) {
        if (!runnable(tenant)) {
            log.info("tenant '{}': {} notification(s) ignored: the tenant has no valid mapping", tenant, notifications);
            return;
        }
        Instant now = clock.instant();
        boolean first = jdbc.update("insert into notification_pending (tenant, since, notifications) values (?, ?, ?) "
                + "on conflict do nothing", tenant, Timestamp.from(now), notifications) == 1;
        if (!first) {
            boolean stale = jdbc.update("update notification_pending set since = ?, notifications = notifications + ? "
                    + "where tenant = ? and since < ?", Timestamp.from(now), notifications, tenant,
                    Timestamp.from(now.minus(STALE))) == 1;
            if (!stale) {
                jdbc.update("update notification_pending set notifications = notifications + ? where tenant = ?",
                        notifications, tenant);
                return;
            }
            if (runs.waiting(tenant)) {
                return; // its fire is still to come, e.g. behind a long run
            }
            log.info("tenant '{}': the notified delta run asked for before {} never fired; asking again", tenant,
                    now.minus(STALE));
        }
        schedule(tenant);
    }

    private boolean runnable(String tenant) {
        return mappings.current(tenant).flatMap(TenantMappingStatus::validMapping).isPresent();
    }

    private void schedule(String tenant) {
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

    @Override
    public void deferred(String tenant) {
        if (!runnable(tenant)) {
            jdbc.update("delete from notification_pending where tenant = ?", tenant);
            log.info("tenant '{}': pending notifications dropped: the tenant no longer has a valid mapping", tenant);
            return;
        }
        jdbc.update("update notification_pending set since = ? where tenant = ?", Timestamp.from(clock.instant()),
                tenant);
        schedule(tenant);
    }
}
