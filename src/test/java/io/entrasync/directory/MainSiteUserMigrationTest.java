package io.entrasync.directory;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.entrasync.support.FreshDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Migration V14 on a database whose deactivated accounts kept the main site user flag: they lose it, and the change
 * is recorded like a deactivation records it now; active main users keep it. Ticket subjects take 10,000 characters.
 */
class MainSiteUserMigrationTest {

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void deactivatedMainUsers_loseTheFlag_recorded(String database) {
        try (HikariDataSource dataSource = FreshDatabase.of(database, 2)) {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target("11").load().migrate();
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            jdbc.update("insert into site (id, name, name_key, created_at) values (1, 'HQ', 'hq', current_timestamp)");
            jdbc.update("insert into site (id, name, name_key, created_at) values (2, 'Branch', 'branch', current_timestamp)");
            account(jdbc, 1, 1, false, true);
            account(jdbc, 2, 2, true, true);
            account(jdbc, 3, 2, false, false);

            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();

            assertThat(main(jdbc, 1)).as("deactivated main user").isFalse();
            assertThat(main(jdbc, 2)).as("active main user").isTrue();
            assertThat(main(jdbc, 3)).isFalse();
            assertThat(jdbc.queryForList("select user_id from main_site_user_change", Long.class)).containsExactly(1L);
            assertThat(jdbc.queryForObject("select door from main_site_user_change", String.class)).isEqualTo("DEACTIVATION");
            jdbc.update("insert into ticket (id, user_id, site_id, subject, source, status, created_at) values "
                    + "(1, 2, 2, ?, 'EMAIL', 'OPEN', current_timestamp)", "s".repeat(Ticket.MAX_SUBJECT));
            assertThat(jdbc.queryForObject("select length(subject) from ticket", Integer.class)).isEqualTo(Ticket.MAX_SUBJECT);
        }
    }

    private static boolean main(JdbcTemplate jdbc, long id) {
        return jdbc.queryForObject("select main_site_user from end_user where id = ?", Boolean.class, id);
    }

    private static void account(JdbcTemplate jdbc, long id, long siteId, boolean active, boolean main) {
        jdbc.update("insert into end_user (id, site_id, email, email_key, active, main_site_user, association, created_at, "
                + "updated_at) values (?, ?, ?, ?, ?, ?, 'STRONG', current_timestamp, current_timestamp)", id, siteId,
                "u" + id + "@acme.org", "u" + id + "@acme.org", active, main);
    }

}
