package io.entrasync.directory;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Resolves the sites a run names to ids, within their owner: the running tenant's own sites (created when missing),
 * the manual sites and other tenants' sites (never created). Runs in the run's transaction.
 */
final class TenantSites {

    private final NamedParameterJdbcTemplate jdbc;

    TenantSites(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether the site exists (or was resolved earlier in the run, remembered in {@code ids}). */
    boolean exists(SiteRef ref, Map<String, Long> ids) {
        String key = ref.cacheKey();
        if (ids.containsKey(key)) {
            return true;
        }
        Long id = find(ref);
        if (id != null) {
            ids.put(key, id);
        }
        return id != null;
    }

    /**
     * The site's id. A site of the running tenant is created when missing; another owner's site must exist (the
     * desired state builder checked it), else the account's change fails with a message naming the site.
     *
     * <p>Runs of several tenants create sites at the same time, and since a site's key is (owner, name) runs of
     * different tenants never compete for one row; the manual sites are not created here at all. A concurrent
     * creation of the same key (a second replica running the same tenant after a stale lock) would make a plain
     * insert fail with a unique violation, which aborts the run's whole transaction on PostgreSQL: "insert ... on
     * conflict do nothing" waits for the other transaction instead and then finds its row. (H2 accepts the form
     * without a conflict target, PostgreSQL both; the target is the unique key (owner_key, name_key).)
     */
    Long id(SiteRef ref, String runningTenant, Map<String, Long> ids) {
        return ids.computeIfAbsent(ref.cacheKey(), key -> {
            if (ref.tenant() != null && ref.tenant().equals(runningTenant)) {
                jdbc.update("insert into site (id, name, name_key, main_user_only_tickets, tenant, owner_key, created_at) "
                        + "values (nextval('site_seq'), :name, :key, false, :tenant, :owner, :now) on conflict do nothing",
                        Map.of("name", ref.name(), "key", Site.key(ref.name()), "tenant", runningTenant,
                                "owner", ref.ownerKey(), "now", OffsetDateTime.now()));
            }
            Long id = find(ref);
            if (id == null) {
                throw new IllegalStateException(ref.label(runningTenant) + " does not exist; a tenant's run creates "
                        + "only its own sites");
            }
            return id;
        });
    }

    private Long find(SiteRef ref) {
        List<Long> found = jdbc.queryForList("select id from site where owner_key = :owner and name_key = :key",
                Map.of("owner", ref.ownerKey(), "key", Site.key(ref.name())), Long.class);
        return found.isEmpty() ? null : found.get(0);
    }
}
