package io.entrasync.directory;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.entrasync.support.FreshDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Migration V7 on a database that already has inactive accounts: the first run after the upgrade must not
 * reactivate the ones an admin deactivated, so each gets the reason its change log shows.
 */
class DeactivationReasonMigrationTest {

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void inactiveAccounts_getTheirLastAppliedSyncReason_orManual(String database) {
        try (HikariDataSource dataSource = FreshDatabase.of(database, 2)) {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target("4").load().migrate();
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            jdbc.update("insert into site (id, name, name_key, created_at) values (1, 'HQ', 'hq', current_timestamp)");
            account(jdbc, 1, false);
            account(jdbc, 2, false);
            account(jdbc, 3, false);
            account(jdbc, 4, false);
            account(jdbc, 5, true);
            run(jdbc, 10, "SUCCEEDED", false);
            run(jdbc, 11, "SUCCEEDED", false);
            run(jdbc, 12, "SUCCEEDED", true);
            change(jdbc, 100, 10, 1, "DEACTIVATE", "DISABLED");
            change(jdbc, 101, 10, 3, "DEACTIVATE", "OUT_OF_SCOPE");
            change(jdbc, 102, 11, 3, "REACTIVATE", null);
            change(jdbc, 103, 12, 4, "DEACTIVATE", "DELETED");

            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();

            assertThat(reason(jdbc, 1)).as("deactivated by a run").isEqualTo("DISABLED");
            assertThat(reason(jdbc, 2)).as("no run deactivated it").isEqualTo("MANUAL");
            assertThat(reason(jdbc, 3)).as("reactivated by a run, deactivated by hand since").isEqualTo("MANUAL");
            assertThat(reason(jdbc, 4)).as("only a dry run planned it").isEqualTo("MANUAL");
            assertThat(reason(jdbc, 5)).as("active").isNull();
            assertThat(jdbc.queryForObject("select count(*) from end_user where active = false and deactivated_at is null",
                    Integer.class)).isZero();
        }
    }


    private static void account(JdbcTemplate jdbc, long id, boolean active) {
        jdbc.update("insert into end_user (id, site_id, email, email_key, active, association, external_id, tenant, "
                + "created_at, updated_at) values (?, 1, ?, ?, ?, 'STRONG', ?, 'acme', current_timestamp, "
                + "current_timestamp)", id, "u" + id + "@acme.org", "u" + id + "@acme.org", active, "e" + id);
    }

    private static void run(JdbcTemplate jdbc, long id, String status, boolean dryRun) {
        jdbc.update("insert into sync_run (id, tenant, mode, run_trigger, dry_run, status, queued_at) values "
                + "(?, 'acme', 'FULL', 'MANUAL', ?, ?, current_timestamp)", id, dryRun, status);
    }

    private static void change(JdbcTemplate jdbc, long id, long runId, long userId, String kind, String reason) {
        jdbc.update("insert into sync_change (id, run_id, user_id, kind, reason) values (?, ?, ?, ?, ?)", id, runId,
                userId, kind, reason);
    }

    private static String reason(JdbcTemplate jdbc, long id) {
        return jdbc.queryForObject("select deactivation_reason from end_user where id = ?", String.class, id);
    }
}
