package io.entrasync.sync;

import io.entrasync.mapping.MappingRegistry;
import io.entrasync.mapping.TenantMappingStatus;
import io.entrasync.problem.ConflictException;
import io.entrasync.problem.NotFoundException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tenants whose accounts no mapping file claims any more (the file was removed, or renamed to another tenant key):
 * no run will ever update or deactivate those accounts, and an admin cannot edit their tenant. Lists them, and
 * releases them to manual accounts on an admin's request. A tenant that still has a mapping file, valid or not, is
 * not orphaned: a broken file is fixed, not released.
 */
@Service
public class OrphanedTenants {

    private static final Logger log = LoggerFactory.getLogger(OrphanedTenants.class);

    /**
     * One orphaned tenant key: the accounts it owns (and how many are active), and the sites its runs created
     * (which stay that tenant's after a release: a site keeps its owner, and its users and tickets keep it).
     */
    public record Orphan(String tenant, long accounts, long activeAccounts, long sites) { }

    /** The answer of a release: how many accounts (and active ones) became manual. */
    public record Released(String tenant, long accounts, long activeAccounts, long sites) { }

    private final MappingRegistry mappings;
    private final JdbcTemplate jdbc;
    private final RunLock locks;

    OrphanedTenants(MappingRegistry mappings, JdbcTemplate jdbc, RunLock locks) {
        this.mappings = mappings;
        this.jdbc = jdbc;
        this.locks = locks;
    }

    /** The orphaned tenants that own accounts, by tenant key. Re-reads the mapping directory first. */
    @Transactional(readOnly = true)
    public List<Orphan> list() {
        Map<String, TenantMappingStatus> files = claims();
        Map<String, Long> sites = new HashMap<>();
        jdbc.query("select tenant, count(*) from site where tenant is not null group by tenant",
                rs -> {
                    sites.put(rs.getString(1), rs.getLong(2));
                });
        List<Orphan> orphans = new ArrayList<>();
        jdbc.query("select tenant, count(*), sum(case when active then 1 else 0 end) from end_user "
                + "where tenant is not null group by tenant order by tenant", rs -> {
                    String tenant = rs.getString(1);
                    if (!files.containsKey(tenant)) {
                        orphans.add(new Orphan(tenant, rs.getLong(2), rs.getLong(3), sites.getOrDefault(tenant, 0L)));
                    }
                });
        return List.copyOf(orphans);
    }

    /**
     * Makes every account of the orphaned {@code tenant} a manual STRONG account: tenant and external id cleared,
     * everything else (site, department, tickets, active flag, main site user) kept. 409 when a mapping file still
     * claims the tenant or a run of it is active; 404 when no account belongs to it.
     */
    @Transactional
    public Released release(String tenant) {
        List<String> unreadable = mappings.unreadable();
        if (!unreadable.isEmpty()) {
            throw new ConflictException("tenant", "no tenant is released while a mapping file cannot be read: "
                    + String.join("; ", unreadable) + ". The file may claim tenant '" + tenant + "'; fix the file "
                    + "(or its permissions) first");
        }
        TenantMappingStatus file = claims().get(tenant);
        if (file != null) {
            throw new ConflictException("tenant", "tenant '" + tenant + "' still has a mapping file (" + file.file()
                    + (file.valid() ? "" : ", invalid") + "), so its accounts are not orphaned: its runs own them. "
                    + "Remove the file first to release them, or fix it to let the runs continue");
        }
        Optional<Long> run = locks.holder(tenant);
        if (run.isPresent()) {
            throw new ConflictException("tenant", "run " + run.get() + " of tenant '" + tenant + "' is active; "
                    + "release its accounts after it ended");
        }
        Orphan orphan = list().stream().filter(o -> o.tenant().equals(tenant)).findFirst().orElseThrow(
                () -> new NotFoundException("tenant", "no account belongs to tenant '" + tenant + "'"));
        // one statement: the accounts change together, and "version" moves so that a stale entity elsewhere
        // (an admin's edit in flight) fails its optimistic check instead of writing the old tenant back
        int released = jdbc.update("update end_user set tenant = null, external_id = null, association = 'STRONG', "
                + "updated_at = ?, version = version + 1 where tenant = ?", Timestamp.from(Instant.now()), tenant);
        log.info("Released {} accounts ({} active) of orphaned tenant '{}' to manual accounts; its {} sites keep "
                + "their owner", released, orphan.activeAccounts(), tenant, orphan.sites());
        return new Released(tenant, released, orphan.activeAccounts(), orphan.sites());
    }

    /** The mapping file claiming each tenant key (the first, when several do), valid or not. */
    private Map<String, TenantMappingStatus> claims() {
        Map<String, TenantMappingStatus> files = new HashMap<>();
        for (TenantMappingStatus status : mappings.refresh()) {
            if (status.tenant() != null) {
                files.putIfAbsent(status.tenant(), status);
            }
        }
        return files;
    }
}
