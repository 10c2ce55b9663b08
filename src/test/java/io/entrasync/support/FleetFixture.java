package io.entrasync.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A fleet of tenants for the fleet view's tests and benchmark: mapping files {@code tenant-0001.yaml}, … whose
 * tenants are never reached (no secret is set, and their schedule fires once a year, on 1 January at 03:00), and
 * run history written straight into {@code sync_run}, as the service records it.
 */
public final class FleetFixture {

    private FleetFixture() {
    }

    /** The key of tenant number {@code n} (from 1): {@code tenant-0001}. */
    public static String key(int n) {
        return "tenant-%04d".formatted(n);
    }

    /** Writes {@code count} valid tenant files into {@code dir} (created, emptied of earlier tenant files first). */
    public static Path writeTenants(Path dir, int count) {
        try {
            Files.createDirectories(dir);
            try (Stream<Path> old = Files.list(dir)) {
                for (Path file : old.filter(f -> f.getFileName().toString().endsWith(".yaml")).toList()) {
                    Files.delete(file);
                }
            }
            for (int n = 1; n <= count; n++) {
                Files.writeString(dir.resolve(key(n) + ".yaml"), """
                        tenant: %s
                        tenantId: %s
                        clientId: aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee
                        credentials: { clientSecretEnv: FLEET_FIXTURE_UNSET_SECRET }
                        schedule: "0 0 3 1 1 ?"
                        sites:
                          - { default: HQ }
                        """.formatted(key(n), "00000000-0000-0000-0000-%012d".formatted(n)));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes an invalid tenant file (a cron expression with five fields) named {@code <tenant>.yaml}. */
    public static void writeInvalid(Path dir, String tenant) {
        try {
            Files.writeString(dir.resolve(tenant + ".yaml"), """
                    tenant: %s
                    tenantId: 99999999-0000-0000-0000-000000000000
                    clientId: aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee
                    credentials: { clientSecretEnv: FLEET_FIXTURE_UNSET_SECRET }
                    schedule: "0 */15 * * *"
                    """.formatted(tenant));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One ended run as the service records it. */
    public record Run(String tenant, String status, boolean dryRun, Instant finishedAt, String error) {

        public static Run succeeded(String tenant, Instant at) {
            return new Run(tenant, "SUCCEEDED", false, at, null);
        }

        public static Run failed(String tenant, Instant at) {
            return new Run(tenant, "FAILED", false, at, "token request failed: invalid_client");
        }

        public static Run blocked(String tenant, Instant at) {
            return new Run(tenant, "BLOCKED", false, at, "would deactivate 40 of 50 accounts");
        }
    }

    /** Inserts the runs in batches, in the order given (their ids ascend in that order). */
    public static void insert(JdbcTemplate jdbc, List<Run> runs) {
        List<Object[]> rows = new ArrayList<>(runs.size());
        for (Run run : runs) {
            Timestamp finished = Timestamp.from(run.finishedAt());
            Timestamp started = Timestamp.from(run.finishedAt().minusSeconds(2));
            rows.add(new Object[]{run.tenant(), run.dryRun(), run.status(), started, started, finished, run.error()});
        }
        for (int from = 0; from < rows.size(); from += 1000) {
            jdbc.batchUpdate("insert into sync_run (id, tenant, mode, run_trigger, dry_run, status, queued_at, started_at, "
                    + "finished_at, error, unchanged) values (nextval('sync_run_seq'), ?, 'DELTA', 'SCHEDULE', ?, ?, ?, ?, ?, ?, 0)",
                    rows.subList(from, Math.min(from + 1000, rows.size())));
        }
    }

    /** Inserts a run of {@code tenant} that started a minute ago and is still RUNNING; answers its id. */
    public static long insertRunning(JdbcTemplate jdbc, String tenant) {
        Timestamp started = Timestamp.from(Instant.now().minusSeconds(60));
        jdbc.update("insert into sync_run (id, tenant, mode, run_trigger, dry_run, status, queued_at, started_at, unchanged) "
                + "values (nextval('sync_run_seq'), ?, 'DELTA', 'SCHEDULE', false, 'RUNNING', ?, ?, 0)", tenant, started, started);
        return jdbc.queryForObject("select max(id) from sync_run where tenant = ?", Long.class, tenant);
    }

    /** Holds {@code tenant} on its newest run, as a BLOCKED run leaves it. */
    public static void hold(JdbcTemplate jdbc, String tenant) {
        long run = jdbc.queryForObject("select max(id) from sync_run where tenant = ?", Long.class, tenant);
        jdbc.update("insert into tenant_hold (tenant, state, held_since, first_run_id, latest_run_id, "
                + "planned_deactivations, reason, full_read, mapping_hash, rejected_at) "
                + "values (?, 'PENDING', ?, ?, ?, 40, 'would deactivate 40 of 50 accounts', true, null, null)",
                tenant, Timestamp.from(Instant.now()), run, run);
    }

    /** Removes every run and hold (the tests of one shared context start from an empty history). */
    public static void clear(JdbcTemplate jdbc) {
        jdbc.update("delete from tenant_hold");
        jdbc.update("delete from sync_change");
        jdbc.update("delete from tenant_run_lock");
        jdbc.update("delete from tenant_applied_mapping");
        jdbc.update("delete from sync_run");
    }
}
