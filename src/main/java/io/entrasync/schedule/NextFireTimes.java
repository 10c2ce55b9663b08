package io.entrasync.schedule;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The next fire time of every tenant's job in one statement, for the fleet view. Quartz's API answers per trigger
 * ({@code getTriggersOfJob} costs a few statements per tenant), so with 1,000 tenants this reads the
 * clustered job store's {@code qrtz_triggers} table directly (prefix {@code qrtz_}, {@code application.yml}): the
 * soonest {@code next_fire_time} (epoch milliseconds) of each job of {@link TenantJobs#GROUP}, the same value
 * Quartz's {@code Trigger.getNextFireTime} answers.
 */
@Component
public class NextFireTimes {

    private final Scheduler scheduler;
    private final JdbcTemplate jdbc;

    NextFireTimes(Scheduler scheduler, JdbcTemplate jdbc) {
        this.scheduler = scheduler;
        this.jdbc = jdbc;
    }

    /** Tenant key to the soonest next fire of its triggers; a tenant without a pending trigger is absent. */
    public Map<String, Instant> all() {
        String name;
        try {
            name = scheduler.getSchedulerName();
        } catch (SchedulerException e) {
            throw new IllegalStateException("the Quartz scheduler cannot name itself", e);
        }
        Map<String, Instant> next = new HashMap<>();
        jdbc.query("select job_name, min(next_fire_time) from qrtz_triggers where sched_name = ? and job_group = ? "
                + "and next_fire_time > 0 group by job_name", rs -> {
                    next.put(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)));
                }, name, TenantJobs.GROUP);
        return next;
    }
}
