package io.entrasync.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.support.PostgresIntegrationTest;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A released account that a run links anew (another tenant's, or by email) forgets the release it came from, in the
 * same write as the link: its former tenant, should its mapping come back, must not take it back.
 */
@PostgresIntegrationTest
class ReleasedAccountLinkTest {

    @Autowired
    EndUserRepository users;
    @Autowired
    SiteRepository sites;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transaction;

    @Test
    void linkingAReleasedAccount_clearsItsRelease() {
        long id = transaction.execute(status -> {
            Site site = sites.save(new Site("Released Link " + System.nanoTime(), Set.of(), false, null));
            return users.save(new EndUser(site, "released.link." + System.nanoTime() + "@example.org",
                    Association.STRONG)).getId();
        });
        jdbc.update("update end_user set released_from = 'acme', released_external_id = 'u1' where id = ?", id);

        transaction.executeWithoutResult(status -> users.findById(id).orElseThrow().linkTo("contoso", "c7"));

        Map<String, Object> row = jdbc.queryForMap("select tenant, external_id, released_from, released_external_id "
                + "from end_user where id = ?", id);
        assertThat(row).containsEntry("tenant", "contoso").containsEntry("external_id", "c7")
                .containsEntry("released_from", null).containsEntry("released_external_id", null);
    }
}
