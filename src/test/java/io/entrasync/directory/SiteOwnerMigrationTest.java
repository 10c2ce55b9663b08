package io.entrasync.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.entrasync.support.FreshDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Migration V6 on data written before it, on PostgreSQL and H2: every site keeps its tenant (and its users), the
 * owner key follows the tenant, and afterwards a name is unique per tenant and among the manual sites.
 */
class SiteOwnerMigrationTest {

    private static Flyway flyway(HikariDataSource dataSource, String target) {
        var configuration = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration");
        return (target == null ? configuration : configuration.target(target)).load();
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void existingSitesKeepTheirTenant_andNamesBecomeUniquePerOwner(String kind) {
        try (HikariDataSource dataSource = FreshDatabase.of(kind, 2)) {
            flyway(dataSource, "4").migrate();
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            jdbc.update("insert into site (id, name, name_key, tenant, created_at) values "
                    + "(1, 'Headquarters', 'headquarters', 'contoso', current_timestamp), "
                    + "(2, 'Front Desk', 'front desk', null, current_timestamp)");
            jdbc.update("insert into end_user (id, site_id, email, email_key, association, external_id, tenant, "
                    + "created_at, updated_at) values (1, 1, 'a@x.example', 'a@x.example', 'STRONG', 'e1', 'contoso', "
                    + "current_timestamp, current_timestamp)");

            flyway(dataSource, null).migrate();

            assertThat(jdbc.queryForList("select id || ':' || coalesce(tenant, '-') || ':' || owner_key from site "
                    + "order by id", String.class)).containsExactly("1:contoso:contoso", "2:-:");
            assertThat(jdbc.queryForObject("select site_id from end_user where id = 1", Long.class)).isEqualTo(1L);
            jdbc.update("insert into site (id, name, name_key, tenant, owner_key, created_at) values "
                    + "(3, 'Headquarters', 'headquarters', null, '', current_timestamp), "
                    + "(4, 'Headquarters', 'headquarters', 'fabrikam', 'fabrikam', current_timestamp)");
            assertThatThrownBy(() -> jdbc.update("insert into site (id, name, name_key, tenant, owner_key, created_at) "
                    + "values (5, 'HEADQUARTERS', 'headquarters', 'contoso', 'contoso', current_timestamp)"))
                    .as("one name per tenant").isInstanceOf(DataIntegrityViolationException.class);
            assertThatThrownBy(() -> jdbc.update("insert into site (id, name, name_key, tenant, owner_key, created_at) "
                    + "values (6, 'front desk', 'front desk', null, '', current_timestamp)"))
                    .as("one name among the manual sites").isInstanceOf(DataIntegrityViolationException.class);
            assertThatThrownBy(() -> jdbc.update("insert into site (id, name, name_key, tenant, created_at) "
                    + "values (7, 'Other', 'other', 'contoso', current_timestamp)"))
                    .as("an owner key that does not follow the tenant (an old replica's insert)")
                    .isInstanceOf(DataIntegrityViolationException.class);
        }
    }
}
