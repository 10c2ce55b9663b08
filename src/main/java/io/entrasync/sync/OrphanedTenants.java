package io.entrasync.sync;

import io.entrasync.directory.AccountOwnership;
import io.entrasync.mapping.MappingRegistry;
import io.entrasync.mapping.TenantMappingStatus;
import io.entrasync.problem.ConflictException;
import io.entrasync.problem.NotFoundException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import io.entrasync.reconcile.RunCounts;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tenants whose accounts no mapping file claims any more (the file was removed): no run will ever update or
 * deactivate those accounts, and an admin cannot edit their tenant. Lists them, and releases them to manual accounts
 * on an admin's request. Whether a tenant is orphaned is {@link AccountOwnership}'s answer, the rule every door into
 * the accounts follows: a tenant that still has a mapping file, valid or not (a file that cannot even be parsed
 * claims the tenant of its name), is not orphaned, and while a mapping file cannot be read at all nobody can tell.
 * A release is reversible ({@link ReleasedAccounts}) and recorded as a run with trigger RELEASE and one change per
 * account.
 */
@Service
public class OrphanedTenants {

    private static final Logger log = LoggerFactory.getLogger(OrphanedTenants.class);

    /**
     * One orphaned tenant key: the accounts it owns (and how many are active), and the sites its runs created
     * (which stay that tenant's after a release: a site keeps its owner, and its users and tickets keep it).
     */
    public record Orphan(String tenant, long accounts, long activeAccounts, long sites) { }

    /**
     * The answer of a release: how many accounts (and active ones) became manual, the tenant's sites, and the run
     * that records it ({@code GET /api/sync-runs/{runId}/changes} lists every account, kind RELEASE).
     */
    public record Released(String tenant, long accounts, long activeAccounts, long inactiveAccounts, long sites,
                           long runId) { }

    private final MappingRegistry mappings;
    private final JdbcTemplate jdbc;
    private final AccountOwnership ownership;
    private final SyncRuns runs;
    private final ChangeLog changeLog;
    private final TransactionTemplate transaction;

    OrphanedTenants(MappingRegistry mappings, JdbcTemplate jdbc, AccountOwnership ownership, SyncRuns runs,
                    ChangeLog changeLog, TransactionTemplate transaction) {
        this.mappings = mappings;
        this.jdbc = jdbc;
        this.ownership = ownership;
        this.runs = runs;
        this.changeLog = changeLog;
        this.transaction = transaction;
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
     * Makes every account of the orphaned {@code tenant} a manual STRONG account: tenant and external id cleared
     * (and kept as released-from, for a re-link should the tenant come back), everything else (site, department,
     * tickets, active flag, main site user) kept. 409 when a mapping file still claims the tenant, when a mapping file
     * cannot be read, or when a run of the tenant is active (the release takes the tenant's run lock, so no run starts
     * meanwhile); 404 when no account belongs to it.
     */
    public Released release(String tenant) {
        AccountOwnership.TenantOwner owner = ownership.ofTenant(tenant);
        switch (owner.kind()) {
            case UNKNOWN -> throw new ConflictException("tenant", "no tenant is released while a mapping file cannot "
                    + "be read: " + String.join("; ", owner.unreadable()) + ". The file may claim tenant '" + tenant
                    + "'; fix the file (or its permissions) first");
            case MAPPED, BROKEN_MAPPING -> throw new ConflictException("tenant", "tenant '" + tenant
                    + "' still has a mapping file (" + owner.file().file() + (owner.file().valid() ? "" : ", invalid")
                    + "), so its accounts are not orphaned: its runs own them. Remove the file first to release them, "
                    + "or fix it to let the runs continue");
            case ORPHANED -> { }
        }
        // this tenant's figures only: ownership.ofTenant has just scanned the mapping directory, and list() would
        // scan it again and count every tenant's accounts
        long[] owned = jdbc.queryForObject("select (select count(*) from end_user where tenant = ?), "
                + "(select count(*) from site where tenant = ?)", (rs, i) -> new long[]{rs.getLong(1), rs.getLong(2)},
                tenant, tenant);
        if (owned[0] == 0) {
            throw new NotFoundException("tenant", "no account belongs to tenant '" + tenant + "'");
        }
        long sites = owned[1];
        // the release takes the tenant's run lock like a run: a run of the tenant in flight answers 409, and no run
        // starts until the release is committed
        SyncRun record = runs.queue(tenant, SyncMode.FULL, RunTrigger.RELEASE, false, null);
        long runId = record.getId();
        runs.start(runId);
        List<ReleasedAccounts.Account> released;
        try {
            released = transaction.execute(status -> new ReleasedAccounts(jdbc).release(tenant, Instant.now()));
            changeLog.record(released.stream().map(account -> entry(runId, tenant, account)).toList());
        } catch (RuntimeException e) {
            runs.finish(runId, RunStatus.FAILED, RunCounts.ZERO, "release failed: " + e.getMessage());
            throw e;
        }
        long active = released.stream().filter(ReleasedAccounts.Account::active).count();
        runs.finish(runId, RunStatus.SUCCEEDED, new RunCounts(0, released.size(), 0, 0, 0, 0, 0, 0, 0), null);
        log.info("Released {} accounts ({} active) of orphaned tenant '{}' to manual accounts (run {}); its {} sites "
                + "keep their owner", released.size(), active, tenant, runId, sites);
        return new Released(tenant, released.size(), active, released.size() - active, sites, runId);
    }

    private static ChangeLog.Entry entry(long runId, String tenant, ReleasedAccounts.Account account) {
        return new ChangeLog.Entry(runId, account.id(), account.externalId(), account.email(), "RELEASE",
                "released from tenant '" + tenant + "' (its mapping file is gone): now a manual account; tenant and "
                        + "directory id are kept as releasedFrom / releasedExternalId, and a mapping for '" + tenant
                        + "' that comes back re-links it by directory id", null, null, false);
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
