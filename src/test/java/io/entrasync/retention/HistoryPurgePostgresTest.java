package io.entrasync.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.support.PostgresIntegrationTest;
import org.junit.jupiter.api.Test;

/** {@link HistoryPurgeContract} on PostgreSQL, and the row sizes the README's sizing figures use. */
@PostgresIntegrationTest
class HistoryPurgePostgresTest extends HistoryPurgeContract {

    /**
     * The bytes a run and a change row take on PostgreSQL with their indexes, as the README's sizing figures use
     * them: rows shaped like real ones (a mapping hash on every run, an e-mail, a reason and a one-field diff on
     * every change).
     */
    @Test
    void rowSizes_matchTheReadmeSizing() {
        long runsBefore = size("sync_run");
        long changesBefore = size("sync_change");
        long base = ids().addAndGet(200_000);
        jdbc.update("insert into sync_run (id, tenant, mode, run_trigger, dry_run, status, queued_at, started_at, "
                + "finished_at, fired_at, mapping_hash, users_processed, pages_read) select ? + g, 'tenant-' || (g % 1000), "
                + "'DELTA', 'SCHEDULE', false, 'SUCCEEDED', now(), now(), now(), now(), md5(g::text) || md5(g::text), "
                + "3, 2 from generate_series(1, 50000) g", base);
        jdbc.update("insert into sync_change (id, run_id, user_id, external_id, email, kind, reason, diffs) "
                + "select ? + g, ? + (g % 50000) + 1, g, gen_random_uuid()::text, 'first.last' || g || '@customer.example', "
                + "'UPDATE', 'attributes changed in Entra', "
                + "'[{\"field\":\"jobTitle\",\"from\":\"Accountant\",\"to\":\"Senior Accountant\"}]' "
                + "from generate_series(1, 50000) g", base + 100_000, base);
        jdbc.execute("vacuum analyze sync_run");
        jdbc.execute("vacuum analyze sync_change");

        double perRun = (size("sync_run") - runsBefore) / 50_000.0;
        double perChange = (size("sync_change") - changesBefore) / 50_000.0;

        org.slf4j.LoggerFactory.getLogger(getClass()).info("bytes per row with indexes: sync_run {}, sync_change {}",
                Math.round(perRun), Math.round(perChange));
        assertThat(perRun).as("README: ~350 bytes per run").isBetween(250.0, 450.0);
        assertThat(perChange).as("README: ~320 bytes per change").isBetween(230.0, 450.0);
    }

    private long size(String table) {
        return jdbc.queryForObject("select pg_total_relation_size(?)", Long.class, table);
    }
}
