package io.entrasync.directory;

import io.entrasync.reconcile.Change;
import io.entrasync.reconcile.DeactivationReason;
import io.entrasync.reconcile.DesiredAccount;
import io.entrasync.reconcile.Field;
import io.entrasync.reconcile.FieldDiff;
import io.entrasync.reconcile.InMemoryLocalAccounts;
import io.entrasync.reconcile.LocalAccount;
import io.entrasync.reconcile.LocalAccounts;
import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The directory as the sync sees it: loads the local accounts a chunk of directory users may match, and applies
 * planned changes to them. Runs inside the sync run's transaction; tickets are never touched.
 */
@Component
public class DirectoryStore {

    private final EntityManager entityManager;
    private final SiteRepository sites;
    private final DepartmentRepository departments;
    private final EndUserRepository users;
    private final org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate jdbc;
    private final NewAccounts newAccounts;
    private final TenantSites tenantSites;
    private final MainSiteUserChanges mainUsers;
    private final SharedDepartments sharedDepartments;

    DirectoryStore(EntityManager entityManager, SiteRepository sites, DepartmentRepository departments,
                   EndUserRepository users, org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate jdbc,
                   MainSiteUserChanges mainUsers, SharedDepartments sharedDepartments) {
        this.entityManager = entityManager;
        this.sharedDepartments = sharedDepartments;
        this.mainUsers = mainUsers;
        this.jdbc = jdbc;
        this.newAccounts = new NewAccounts(jdbc);
        this.tenantSites = new TenantSites(jdbc);
        this.sites = sites;
        this.departments = departments;
        this.users = users;
    }

    /**
     * Per-run caches of site and department ids by key (a run meets the same few names again and again), and of
     * the site each label a run handed to the reconcile core stands for ({@link #siteLabel}).
     */
    public static final class NameCache {
        private final Map<String, Long> sites = new HashMap<>();
        private final Map<String, Long> departments = new HashMap<>();
        private final Map<String, SiteRef> siteLabels = new HashMap<>();
    }

    /**
     * The accounts owned by this tenant with one of the external ids, and the accounts holding one of the emails,
     * as snapshots for the reconcile core. Their {@code openTickets} is 0: only a deactivation reports it, so the
     * caller asks {@link #openTickets} for the few accounts it plans to deactivate.
     */
    public LocalAccounts load(String tenant, Collection<String> externalIds, Collection<String> emails) {
        Set<String> emailKeys = emails.stream().map(EmailAddress::key).collect(Collectors.toSet());
        // Plain JDBC snapshots, no entities: most accounts of a run are unchanged and never need one. Two
        // queries rather than one with OR, so each uses its own index ((tenant, external_id) and email_key).
        Map<Long, LocalAccount> byId = new java.util.LinkedHashMap<>();
        if (!externalIds.isEmpty()) {
            Set<String> held = new java.util.HashSet<>();
            snapshots("u.tenant = :tenant and u.external_id in (:keys)", tenant, externalIds, held)
                    .forEach(a -> byId.put(a.id(), a));
            // email_key is unique: an account found above is the only one holding its email (in a re-run, all are)
            emailKeys.removeAll(held);
        }
        if (!emailKeys.isEmpty()) {
            snapshots("u.email_key in (:keys)", tenant, emailKeys, new java.util.HashSet<>())
                    .forEach(a -> byId.putIfAbsent(a.id(), a));
        }
        return InMemoryLocalAccounts.of(List.copyOf(byId.values()));
    }

    private static final String SNAPSHOT = "select u.id, u.email, u.first_name, u.last_name, u.phone, u.mobile_phone, "
            + "u.job_title, s.name, d.name, u.main_site_user, u.auto_ticket_disabled, u.active, u.association, "
            + "u.external_id, u.tenant, u.email_key, s.tenant, u.deactivation_reason from end_user u join site s on s.id = u.site_id "
            + "left join department d on d.id = u.department_id where ";

    /**
     * The matching accounts; adds the email keys they hold to {@code heldKeys}. An account's site is its
     * {@link SiteRef#label label} for this tenant, as the desired accounts name theirs.
     */
    private List<LocalAccount> snapshots(String where, String tenant, Collection<String> keys, Set<String> heldKeys) {
        return jdbc.query(SNAPSHOT + where, new org.springframework.jdbc.core.namedparam.MapSqlParameterSource()
                .addValue("tenant", tenant).addValue("keys", keys), (rs, i) -> {
                    heldKeys.add(rs.getString(16));
                    return new LocalAccount(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7),
                            new SiteRef(rs.getString(17), rs.getString(8)).label(tenant), rs.getString(9),
                            rs.getBoolean(10), rs.getBoolean(11), rs.getBoolean(12),
                            io.entrasync.reconcile.Association.valueOf(rs.getString(13)), rs.getString(14),
                            rs.getString(15), 0, rs.getBoolean(12) ? null : DeactivationReason.parse(rs.getString(18)));
                });
    }

    /** Tickets not yet resolved or closed, per account id; accounts without any are absent. */
    public Map<Long, Integer> openTickets(Collection<Long> accountIds) {
        Map<Long, Integer> open = new HashMap<>();
        if (accountIds.isEmpty()) {
            return open;
        }
        List<Long> ids = List.copyOf(new java.util.LinkedHashSet<>(accountIds));
        for (int from = 0; from < ids.size(); from += 1000) {
            jdbc.query("select user_id, count(*) from ticket where user_id in (:ids) and status not in ('RESOLVED', "
                    + "'CLOSED') group by user_id", Map.of("ids", ids.subList(from, Math.min(ids.size(), from + 1000))),
                    rs -> {
                        open.put(rs.getLong(1), rs.getInt(2));
                    });
        }
        return open;
    }

    /** Loads, in one query, the entities the chunk's changes will touch, so applying them finds them in memory. */
    public void prefetch(Collection<Long> accountIds) {
        if (!accountIds.isEmpty()) {
            // a JPQL string, whose plan Hibernate caches: Spring Data's findAllById builds a criteria query per
            // call (~11 % of the service's CPU in a 1,000-tenant delta round)
            entityManager.createQuery("select u from EndUser u where u.id in :ids", EndUser.class)
                    .setParameter("ids", accountIds).getResultList();
        }
    }

    /** Whether the site exists within its owner (or was created earlier in the run). */
    public boolean siteExists(SiteRef site, NameCache cache) {
        return tenantSites.exists(site, cache.sites);
    }

    /**
     * The text the reconcile core compares for {@code site} in a run of {@code tenant} ({@link SiteRef#label}),
     * remembered so that applying a change to that label finds the site again. A label never seen in this run is
     * read as the running tenant's own site of that name.
     */
    public String siteLabel(SiteRef site, String tenant, NameCache cache) {
        String label = site.label(tenant);
        cache.siteLabels.putIfAbsent(label, site);
        return label;
    }

    /** Whether a department of that name exists (or was created earlier in the run). */
    public boolean departmentExists(String name, NameCache cache) {
        String key = Site.key(name);
        return cache.departments.containsKey(key)
                || departments.findByNameKey(key).map(d -> cache.departments.put(key, d.getId())).isPresent();
    }

    /**
     * Applies one planned change. Answers the account id (new for a Create), or null for changes that touch no
     * account (Skip, or Unchanged without an account).
     */
    public Long apply(String tenant, Change change, NameCache cache) {
        if (change instanceof Change.Create create) {
            return createAll(tenant, List.of(create), cache).get(create.externalId());
        }
        if (change.accountId() == null || change instanceof Change.Skip || change instanceof Change.Unchanged) {
            return change.accountId();
        }
        EndUser user = users.findById(change.accountId()).orElseThrow(
                () -> new IllegalStateException("account " + change.accountId() + " vanished during the run"));
        if (change instanceof Change.Link link) {
            user.linkTo(tenant, link.externalId());
            if (link.reactivated()) {
                user.activate();
            }
        } else if (change instanceof Change.Deactivate deactivate) {
            // the reason goes in the same UPDATE as the flag: no statement of its own
            mainUsers.deactivate(user, DeactivationReason.of(deactivate.reason()), MainUserLog.Door.DEACTIVATION,
                    "deactivated by a sync run of tenant " + tenant + ": " + deactivate.reason());
        } else if (change instanceof Change.Reactivate) {
            user.activate();
        }
        for (FieldDiff diff : change.diffs()) {
            set(user, diff.field(), diff.after(), tenant, cache);
        }
        return user.getId();
    }

    /**
     * Creates the accounts of a chunk in one batch. An email that another tenant's run took while this run was
     * going (both runs' transactions open) is not an error that aborts the run: the insert does nothing and the
     * answer leaves that external id out, so the caller reports it as skipped.
     *
     * @return the new account id per external id, for the accounts that were created
     */
    public Map<String, Long> createAll(String tenant, List<Change.Create> creates, NameCache cache) {
        if (creates.isEmpty()) {
            return Map.of();
        }
        List<NewAccounts.Row> rows = new java.util.ArrayList<>(creates.size());
        for (Change.Create create : creates) {
            rows.add(createRow(create.externalId(), create.account(), tenant, cache));
        }
        Map<String, Long> ids = newAccounts.insert(tenant, rows, java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC));
        for (Change.Create create : creates) {
            Long id = ids.get(create.externalId());
            if (id != null && create.account().mainSiteUser()) {
                makeMainSiteUser(users.getReferenceById(id), tenant);
            }
        }
        return ids;
    }

    private NewAccounts.Row createRow(String externalId, DesiredAccount account, String tenant, NameCache cache) {
        return new NewAccounts.Row(siteId(account.siteName(), tenant, cache), account.firstName(), account.lastName(),
                EmailAddress.clean(account.email()), EmailAddress.key(account.email()), account.phone(),
                account.mobilePhone(), account.departmentName() == null ? null : departmentId(account.departmentName(), cache),
                account.jobTitle(), account.autoTicketDisabled(), externalId);
    }

    private void set(EndUser user, Field field, String value, String tenant, NameCache cache) {
        switch (field) {
            case FIRST_NAME -> user.setFirstName(value);
            case LAST_NAME -> user.setLastName(value);
            case EMAIL -> user.setEmail(value);
            case PHONE -> user.setPhone(value);
            case MOBILE_PHONE -> user.setMobilePhone(value);
            case JOB_TITLE -> user.setJobTitle(value);
            case SITE -> user.setSite(site(value, tenant, cache));
            case DEPARTMENT -> user.setDepartment(value == null ? null : department(value, cache));
            case AUTO_TICKET_DISABLED -> user.setAutoTicketDisabled(Boolean.parseBoolean(value));
            case MAIN_SITE_USER -> {
                if (Boolean.parseBoolean(value)) {
                    makeMainSiteUser(user, tenant);
                } else {
                    mainUsers.clear(user, user.getSite().getId(), MainUserLog.Door.SYNC,
                            "no longer named by the mainSiteUsers: rule of tenant " + tenant);
                }
            }
        }
    }

    /** The mapping's {@code mainSiteUsers:} rule names the user: it becomes main, the previous one is recorded. */
    private void makeMainSiteUser(EndUser user, String tenant) {
        entityManager.flush();
        if (!user.isActive()) {
            return; // an account an admin deactivated stays without the flag, like a deactivated main user loses it
        }
        // the directory vouches for the identity: no WEAK confirmation (a synced account is STRONG anyway)
        mainUsers.promote(user, true, MainUserLog.Door.SYNC, "made main site user by the mainSiteUsers: rule of tenant "
                + tenant);
    }

    private Site site(String name, String tenant, NameCache cache) {
        return sites.getReferenceById(siteId(name, tenant, cache));
    }

    private Department department(String name, NameCache cache) {
        return departments.getReferenceById(departmentId(name, cache));
    }

    /** The id of the site a change names by its label ({@link #siteLabel}); see {@link TenantSites#id}. */
    private Long siteId(String label, String tenant, NameCache cache) {
        SiteRef site = cache.siteLabels.getOrDefault(label, new SiteRef(tenant, label));
        return tenantSites.id(site, tenant, cache.sites);
    }

    /** See {@link SharedDepartments}: created outside the run's transaction, so concurrent runs never deadlock. */
    private Long departmentId(String name, NameCache cache) {
        return cache.departments.computeIfAbsent(Site.key(name), key -> sharedDepartments.idOf(name).id());
    }

    /** Writes pending changes and forgets the chunk's entities, so a run's memory stays flat. */
    public void endChunk() {
        entityManager.flush();
        entityManager.clear();
    }

    /** Whether this tenant owns any account, active or not (none before its first sync). */
    public boolean ownsAccounts(String tenant) {
        return !jdbc.queryForList("select id from end_user where tenant = :tenant and external_id is not null fetch first "
                + "1 rows only", Map.of("tenant", tenant), Long.class).isEmpty();
    }

    /** Active accounts this tenant owns: the base of the deletion guard's percentage. */
    public long activeOwnedAccounts(String tenant) {
        return entityManager.createQuery("select count(u) from EndUser u where u.tenant = :tenant and u.externalId is not null "
                        + "and u.active = true", Long.class)
                .setParameter("tenant", tenant).getSingleResult();
    }
}
