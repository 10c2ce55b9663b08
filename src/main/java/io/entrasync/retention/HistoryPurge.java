package io.entrasync.retention;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes old history in batches, each batch in its own short transaction (so a pass never holds locks for long and
 * a stopped pass loses nothing but the batch it was in). A run is purged only when it has ended before the cutoff of
 * its kind and nothing relies on it:
 * <ul>
 * <li>the tenant's newest run (what the tenant list shows as its last run);</li>
 * <li>the tenant's newest successful run and newest successful applied run (its last success, the applied run
 *     a hold and the mapping diff compare with);</li>
 * <li>any run of a hold that still exists (first to latest plan: never before the hold ends);</li>
 * <li>a run named by another run's {@code approves_run_id} (purged after the approval run goes);</li>
 * <li>the run of the tenant's applied mapping ({@code tenant_applied_mapping}).</li>
 * </ul>
 * A purged run's {@code hold_decision} rows (who approved, rejected or released that plan) go with it, in the same
 * transaction: they describe that run only, and would otherwise be kept forever.
 */
@Component
class HistoryPurge {

    /** Ended runs older than the cutoff that nothing relies on; {@code %s} is the quiet / with-changes test. */
    private static final String CANDIDATES = "select r.id from sync_run r "
            + "where r.finished_at < ? and r.status in ('SUCCEEDED', 'FAILED', 'BLOCKED') and %s "
            + "and r.id < (select max(n.id) from sync_run n where n.tenant = r.tenant) "
            + "and r.id <> coalesce((select max(s.id) from sync_run s where s.tenant = r.tenant "
            + "and s.status = 'SUCCEEDED'), -1) "
            + "and r.id <> coalesce((select max(s.id) from sync_run s where s.tenant = r.tenant "
            + "and s.status = 'SUCCEEDED' and s.dry_run = false), -1) "
            + "and not exists (select 1 from tenant_hold h where h.tenant = r.tenant "
            + "and r.id between h.first_run_id and h.latest_run_id) "
            + "and not exists (select 1 from sync_run a where a.approves_run_id = r.id) "
            + "and not exists (select 1 from tenant_applied_mapping t where t.run_id = r.id) "
            + "order by r.id fetch first %d rows only";
    private static final String QUIET = "not exists (select 1 from sync_change c where c.run_id = r.id)";
    private static final String WITH_CHANGES = "exists (select 1 from sync_change c where c.run_id = r.id)";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    HistoryPurge(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** What one pass deleted. */
    record Purged(int quietRuns, int changeRuns, int changes, int inboundEmails, int alerts, int auditEvents,
            int connectRequests) {

        int total() {
            return quietRuns + changeRuns + changes + inboundEmails + alerts + auditEvents + connectRequests;
        }
    }

    /**
     * One pass at {@code now}: each kind older than its retention, at most {@code limits} of each; audit events older
     * than {@code auditRetention} ({@code entra-sync.audit.retention}), and "connect a customer" requests started before
     * it (who connected which tenant is audit history too; the callback's own audit event says the same).
     */
    Purged purge(Instant now, RetentionProperties retention, Duration auditRetention, RetentionProperties.Limits limits) {
        int quiet = 0;
        for (int batch = 0; batch < limits.maxBatches(); batch++) {
            int deleted = purgeQuietRuns(now.minus(retention.quietRuns()), limits.batchSize());
            quiet += deleted;
            if (deleted < limits.batchSize()) {
                break;
            }
        }
        int[] withChanges = {0, 0};
        for (int batch = 0; batch < limits.maxBatches(); batch++) {
            int[] deleted = purgeChangeRuns(now.minus(retention.changeRuns()), limits.batchSize());
            withChanges[0] += deleted[0];
            withChanges[1] += deleted[1];
            if (deleted[0] < limits.batchSize()) {
                break;
            }
        }
        int mail = byAge("inbound_email", "received_at", now.minus(retention.inboundEmail()), limits);
        // an alert's deliveries go with it (on delete cascade)
        int alerts = byAge("alert", "created_at", now.minus(retention.alerts()), limits);
        int audit = byAge("audit_event", "at", now.minus(auditRetention), limits);
        int connects = byAge("connect_request", "started_at", now.minus(auditRetention), limits);
        return new Purged(quiet, withChanges[0], withChanges[1], mail, alerts, audit, connects);
    }

    /** Deletes rows of {@code table} whose {@code column} is before {@code cutoff}, in batches. */
    private int byAge(String table, String column, Instant cutoff, RetentionProperties.Limits limits) {
        int total = 0;
        for (int batch = 0; batch < limits.maxBatches(); batch++) {
            int deleted = transaction.execute(status -> jdbc.update("delete from " + table + " where id in (select id "
                    + "from " + table + " where " + column + " < ? order by id fetch first " + limits.batchSize()
                    + " rows only)", Timestamp.from(cutoff)));
            total += deleted;
            if (deleted < limits.batchSize()) {
                break;
            }
        }
        return total;
    }

    private int purgeQuietRuns(Instant cutoff, int batchSize) {
        return transaction.execute(status -> {
            List<Long> runs = candidates(QUIET, cutoff, batchSize);
            if (runs.isEmpty()) {
                return 0;
            }
            jdbc.update("delete from hold_decision where run_id in (" + marks(runs.size()) + ")", runs.toArray());
            return jdbc.update("delete from sync_run where id in (" + marks(runs.size()) + ")", runs.toArray());
        });
    }

    /** Deletes up to {@code batchSize} runs with changes and their change rows; answers {runs, changes}. */
    private int[] purgeChangeRuns(Instant cutoff, int batchSize) {
        List<Long> runs = transaction.execute(status -> candidates(WITH_CHANGES, cutoff, batchSize));
        if (runs.isEmpty()) {
            return new int[] {0, 0};
        }
        int changes = 0;
        // the change rows go in statements of at most batchSize rows (a first full sync has one per user), then the
        // runs; a pass stopped in between leaves runs with fewer changes, which the next pass finishes
        String inRuns = "run_id in (" + marks(runs.size()) + ")";
        int deleted;
        do {
            deleted = transaction.execute(status -> jdbc.update("delete from sync_change where id in (select id from "
                    + "sync_change where " + inRuns + " fetch first " + batchSize + " rows only)", runs.toArray()));
            changes += deleted;
        } while (deleted == batchSize);
        String finished = "not exists (select 1 from sync_change c where c.run_id = %s)";
        int purgedRuns = transaction.execute(status -> {
            jdbc.update("delete from hold_decision where run_id in (" + marks(runs.size()) + ") and "
                    + finished.formatted("hold_decision.run_id"), runs.toArray());
            return jdbc.update("delete from sync_run where id in (" + marks(runs.size()) + ") and "
                    + finished.formatted("sync_run.id"), runs.toArray());
        });
        return new int[] {purgedRuns, changes};
    }

    private List<Long> candidates(String kind, Instant cutoff, int batchSize) {
        return jdbc.queryForList(CANDIDATES.formatted(kind, batchSize), Long.class, Timestamp.from(cutoff));
    }

    private static String marks(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }
}
