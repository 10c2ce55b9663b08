package io.entrasync.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * History retention: runs and change rows written as the service writes them, then purged "at" a fixed far-future
 * instant, so the shared context's other rows (all recent) are never due. Each test uses its own tenants and removes
 * its rows afterwards. Run on PostgreSQL and on H2 by the subclasses.
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class HistoryPurgeContract {

    /** Ids far above what the sequences hand out to the shared context's other tests. */
    private static final AtomicLong IDS = new AtomicLong(900_000_000L);

    static AtomicLong ids() {
        return IDS;
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    HistoryPurge purge;

    @Autowired
    RetentionProperties defaults;

    @Autowired
    RetentionJob job;

    @Autowired
    io.entrasync.auth.AuditProperties audit;

    final Instant now = Instant.parse("2030-06-01T00:00:00Z");
    final RetentionProperties.Limits generous = new RetentionProperties.Limits(1000, 100);

    long run(String tenant, String status, int daysAgo, boolean dryRun, Long approves) {
        long id = IDS.incrementAndGet();
        Timestamp at = Timestamp.from(now.minus(Duration.ofDays(daysAgo)));
        jdbc.update("insert into sync_run (id, tenant, mode, run_trigger, dry_run, status, approves_run_id, queued_at, "
                + "started_at, finished_at, mapping_hash) values (?, ?, 'DELTA', 'SCHEDULE', ?, ?, ?, ?, ?, ?, ?)",
                id, tenant, dryRun, status, approves, at, at, at, "a".repeat(64));
        return id;
    }

    long run(String tenant, String status, int daysAgo) {
        return run(tenant, status, daysAgo, false, null);
    }

    void changes(long runId, int count) {
        for (int i = 0; i < count; i++) {
            jdbc.update("insert into sync_change (id, run_id, external_id, email, kind, reason, diffs) "
                    + "values (?, ?, ?, ?, 'UPDATE', 'attribute changed', ?)", IDS.incrementAndGet(), runId,
                    "ext-" + i, "user" + i + "@example.org", "[{\"field\":\"jobTitle\",\"from\":\"a\",\"to\":\"b\"}]");
        }
    }

    boolean exists(long runId) {
        return jdbc.queryForObject("select count(*) from sync_run where id = ?", Integer.class, runId) == 1;
    }

    int changeRows(long runId) {
        return jdbc.queryForObject("select count(*) from sync_change where run_id = ?", Integer.class, runId);
    }

    HistoryPurge.Purged purge() {
        return purge.purge(now, defaults, audit.retention(), generous);
    }

    @Test
    void oldQuietRunsArePurged_recentOnesAndTheLatestKept() {
        long oldQuiet = run("p-quiet", "SUCCEEDED", 30);
        long oldFailed = run("p-quiet", "FAILED", 20);
        long recentQuiet = run("p-quiet", "SUCCEEDED", 3);
        long latestOld = run("p-latest", "FAILED", 60);

        purge();

        assertThat(exists(oldQuiet)).as("30 days old, no changes").isFalse();
        assertThat(exists(oldFailed)).as("20 days old failure").isFalse();
        assertThat(exists(recentQuiet)).as("within 7 days").isTrue();
        assertThat(exists(latestOld)).as("a tenant's newest run is never purged").isTrue();
    }

    @Test
    void aRunStillGoing_isNeverPurged_howeverOld() {
        long id = IDS.incrementAndGet();
        Timestamp old = Timestamp.from(now.minus(Duration.ofDays(90)));
        jdbc.update("insert into sync_run (id, tenant, mode, run_trigger, dry_run, status, queued_at, started_at) "
                + "values (?, 'p-going', 'DELTA', 'SCHEDULE', false, 'RUNNING', ?, ?)", id, old, old);
        run("p-going", "SUCCEEDED", 0);

        purge();

        assertThat(exists(id)).isTrue();
    }

    @Test
    void runsWithChanges_keptFor180Days_thenPurgedWithTheirChanges() {
        long old = run("p-changes", "SUCCEEDED", 200);
        changes(old, 5);
        long younger = run("p-changes", "SUCCEEDED", 100);
        changes(younger, 2);
        run("p-changes", "SUCCEEDED", 1);

        purge();

        assertThat(exists(old)).isFalse();
        assertThat(changeRows(old)).as("a purged run's change rows go with it").isZero();
        assertThat(exists(younger)).as("runs with changes are kept 180 days").isTrue();
        assertThat(changeRows(younger)).isEqualTo(2);
    }

    @Test
    void aHeldPlanIsKeptUntilItsHoldEnds() {
        long first = run("p-held", "BLOCKED", 300);
        changes(first, 3);
        long quietPlan = run("p-held", "BLOCKED", 250);
        long latest = run("p-held", "BLOCKED", 200);
        changes(latest, 3);
        jdbc.update("insert into tenant_hold (tenant, state, held_since, first_run_id, latest_run_id, "
                + "planned_deactivations, reason, full_read) values ('p-held', 'PENDING', ?, ?, ?, 3, 'too many', false)",
                Timestamp.from(now.minus(Duration.ofDays(300))), first, latest);
        run("p-held", "BLOCKED", 0);

        purge();

        assertThat(exists(first)).isTrue();
        assertThat(exists(quietPlan)).isTrue();
        assertThat(changeRows(first)).isEqualTo(3);

        jdbc.update("delete from tenant_hold where tenant = 'p-held'");
        purge();

        assertThat(exists(first)).as("purged once the hold has ended").isFalse();
        assertThat(exists(quietPlan)).isFalse();
        assertThat(exists(latest)).isFalse();
    }

    @Test
    void theLastSuccess_anApprovedRun_andTheAppliedMappingRun_areKept() {
        long lastSuccess = run("p-refs", "SUCCEEDED", 40);
        long approved = run("p-refs", "BLOCKED", 39);
        long approval = run("p-refs", "FAILED", 38, false, approved);
        long applied = run("p-refs2", "SUCCEEDED", 50);
        long laterDry = run("p-refs2", "SUCCEEDED", 45, true, null);
        jdbc.update("insert into tenant_applied_mapping (tenant, run_id, mapping_hash, settings) values "
                + "('p-refs2', ?, ?, '{}')", applied, "a".repeat(64));
        run("p-refs", "FAILED", 30);
        run("p-refs2", "FAILED", 30);

        purge();

        assertThat(exists(lastSuccess)).as("the tenant's last success").isTrue();
        assertThat(exists(approved)).as("named by an approval run that is kept").isTrue();
        assertThat(exists(approval)).as("an old failed approval run with nothing relying on it").isFalse();
        assertThat(exists(applied)).as("the applied mapping's run").isTrue();
        assertThat(exists(laterDry)).as("the newest success, even a dry one").isTrue();

        purge();

        assertThat(exists(approved)).as("free once its approval run has gone").isFalse();
    }

    @Test
    void aPurgedPlansHoldDecisionsGoWithIt() {
        long quietPlan = run("p-decided", "BLOCKED", 300);
        long planWithChanges = run("p-decided", "BLOCKED", 250);
        changes(planWithChanges, 2);
        long kept = run("p-decided", "BLOCKED", 1);
        for (long plan : new long[] {quietPlan, planWithChanges, kept}) {
            jdbc.update("insert into hold_decision (tenant, run_id, decision, actor_kind, actor_id, actor_name, "
                    + "decided_at) values ('p-decided', ?, 'REJECT', 'ADMIN_TOKEN', 'admin', 'admin', ?)", plan,
                    Timestamp.from(now.minus(Duration.ofDays(200))));
        }

        purge();

        assertThat(exists(quietPlan)).isFalse();
        assertThat(exists(planWithChanges)).isFalse();
        assertThat(decisions(quietPlan)).as("a quiet run's decisions").isZero();
        assertThat(decisions(planWithChanges)).as("a run with changes' decisions").isZero();
        assertThat(decisions(kept)).as("the kept run's decision").isEqualTo(1);
    }

    private int decisions(long runId) {
        return jdbc.queryForObject("select count(*) from hold_decision where run_id = ?", Integer.class, runId);
    }

    @Test
    void aPassIsBoundedByBatchSizeTimesBatches_theNextPassContinues() {
        for (int i = 0; i < 25; i++) {
            run("p-bounded", "SUCCEEDED", 400 + i);
        }
        long bigRun = run("p-bounded", "SUCCEEDED", 500);
        changes(bigRun, 23);
        run("p-bounded", "SUCCEEDED", 0);
        RetentionProperties.Limits small = new RetentionProperties.Limits(5, 2);

        HistoryPurge.Purged first = purge.purge(now, defaults, audit.retention(), small);

        assertThat(first.quietRuns()).as("2 batches of 5 quiet runs, though 25 are due").isEqualTo(10);
        assertThat(first.changeRuns()).isEqualTo(1);
        assertThat(first.changes()).isEqualTo(23);
        assertThat(remaining("p-bounded")).isEqualTo(27 - 10 - 1);
        assertThat(changeRows(bigRun)).as("change rows go in statements of 5, all of the selected runs'").isZero();
        assertThat(exists(bigRun)).isFalse();

        for (int pass = 0; pass < 10 && remaining("p-bounded") > 1; pass++) {
            purge.purge(now, defaults, audit.retention(), small);
        }
        assertThat(remaining("p-bounded")).as("only the newest run is left").isEqualTo(1);
    }

    @Test
    void oldInboundMailIsPurged() {
        long id = IDS.incrementAndGet();
        jdbc.update("insert into inbound_email (id, received_at, outcome, reason) values (?, ?, 'UNKNOWN_SENDER', 'x')",
                id, Timestamp.from(now.minus(Duration.ofDays(400))));
        long recent = IDS.incrementAndGet();
        jdbc.update("insert into inbound_email (id, received_at, outcome, reason) values (?, ?, 'UNKNOWN_SENDER', 'x')",
                recent, Timestamp.from(now.minus(Duration.ofDays(300))));

        purge();

        assertThat(jdbc.queryForObject("select count(*) from inbound_email where id in (?, ?)", Integer.class, id,
                recent)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from inbound_email where id = ?", Integer.class, recent))
                .isEqualTo(1);
    }

    @Test
    void oldAlertsArePurgedWithTheirDeliveries() {
        long old = IDS.incrementAndGet();
        long recent = IDS.incrementAndGet();
        for (long[] alert : new long[][] {{old, 400}, {recent, 300}}) {
            Timestamp at = Timestamp.from(now.minus(Duration.ofDays(alert[1])));
            jdbc.update("insert into alert (id, tenant, kind, event, detail, created_at) values (?, 'p-alert', 'HELD', "
                    + "'OPENED', 'why', ?)", alert[0], at);
            jdbc.update("insert into alert_delivery (id, alert_id, channel, state, attempts, next_attempt_at) values "
                    + "(?, ?, 'WEBHOOK', 'SENT', 1, ?)", alert[0], alert[0], at);
        }

        HistoryPurge.Purged purged = purge();

        assertThat(purged.alerts()).isEqualTo(1);
        assertThat(jdbc.queryForList("select id from alert where tenant = 'p-alert'", Long.class)).containsExactly(recent);
        assertThat(jdbc.queryForList("select alert_id from alert_delivery where id in (?, ?)", Long.class, old, recent))
                .containsExactly(recent);
    }

    @Test
    void oldAuditEventsArePurged() {
        long old = IDS.incrementAndGet();
        long recent = IDS.incrementAndGet();
        for (long[] event : new long[][] {{old, 400}, {recent, 300}}) {
            jdbc.update("insert into audit_event (id, at, actor_kind, actor_id, actor_name, action, status) values "
                    + "(?, ?, 'schedule', 'schedule', 'schedule', 'p-audit', 200)", event[0],
                    Timestamp.from(now.minus(Duration.ofDays(event[1]))));
        }

        HistoryPurge.Purged purged = purge();

        assertThat(purged.auditEvents()).as("older than entra-sync.audit.retention (365d)").isGreaterThanOrEqualTo(1);
        assertThat(jdbc.queryForList("select id from audit_event where action = 'p-audit'", Long.class))
                .containsExactly(recent);
    }

    @Test
    void connectRequestsGoWithTheAuditRetention() {
        for (long[] request : new long[][] {{IDS.incrementAndGet(), 400}, {IDS.incrementAndGet(), 300}}) {
            Instant started = now.minus(Duration.ofDays(request[1]));
            jdbc.update("insert into connect_request (id, tenant, template, state_hash, started_by_kind, started_by_id, "
                    + "started_at, expires_at, status) values (?, 'p-connect', '_msp-default', ?, 'admin-token', "
                    + "'admin-token', ?, ?, 'CONNECTED')", "p-connect-" + request[0], "hash-" + request[0],
                    Timestamp.from(started), Timestamp.from(started.plus(Duration.ofMinutes(15))));
        }

        HistoryPurge.Purged purged = purge();

        assertThat(purged.connectRequests()).as("started before entra-sync.audit.retention (365d)")
                .isGreaterThanOrEqualTo(1);
        assertThat(jdbc.queryForList("select started_at from connect_request where tenant = 'p-connect'",
                Timestamp.class)).singleElement().satisfies(kept -> assertThat(kept.toInstant())
                        .isAfter(now.minus(Duration.ofDays(365))));
    }

    @Test
    void theJobLogsItsCountsAtInfo(CapturedOutput output) {
        long id = IDS.incrementAndGet();
        jdbc.update("insert into inbound_email (id, received_at, outcome, reason) values (?, ?, 'UNKNOWN_SENDER', 'x')",
                id, Timestamp.from(Instant.now().minus(Duration.ofDays(400))));

        job.execute(null);

        assertThat(jdbc.queryForObject("select count(*) from inbound_email where id = ?", Integer.class, id)).isZero();
        assertThat(output.getOut()).contains("INFO", "history purged in", "inbound mail=1 (older than PT8760H)");
    }

    /** The shared context's other tests list runs and orphaned tenants: none of these rows may outlive a test. */
    @AfterEach
    void removeTheseRows() {
        jdbc.update("delete from sync_change where run_id > 900000000 or id > 900000000");
        jdbc.update("delete from tenant_hold where tenant like 'p-%'");
        jdbc.update("delete from hold_decision where tenant like 'p-%'");
        jdbc.update("delete from tenant_applied_mapping where tenant like 'p-%'");
        jdbc.update("delete from sync_run where id > 900000000");
        jdbc.update("delete from inbound_email where id > 900000000");
        jdbc.update("delete from alert where id > 900000000");
        jdbc.update("delete from audit_event where id > 900000000");
        jdbc.update("delete from connect_request where tenant = 'p-connect'");
    }

    private int remaining(String tenant) {
        return jdbc.queryForObject("select count(*) from sync_run where tenant = ?", Integer.class, tenant);
    }
}
