package io.entrasync.mapping;

import io.entrasync.source.TenantConnection;
import java.time.ZoneId;
import java.util.List;

/**
 * One tenant's validated mapping file. Built only by {@link MappingLoader}, so every instance is valid.
 *
 * @param connection         how to reach the tenant's directory (references to secrets, never secrets)
 * @param schedule           Quartz cron of the regular (delta) run, as it fires (a template's spread per tenant)
 * @param fullSyncSchedule   Quartz cron of the full run, null when none
 * @param timeZone           zone both schedules are read in (default UTC)
 * @param scope              which users are synced (default everyone but guests and disabled users)
 * @param sites              site rules, first match wins (never empty)
 * @param createMissingSites true (default): the sync creates a site a rule names when it does not exist; false:
 *                           such a user is reported unmapped
 * @param departments        null when the file has no {@code departments:} (users get no department)
 * @param fields             field sources and policies (defaults filled in)
 * @param mainSiteUsers      null when the file has no {@code mainSiteUsers:} (the sync leaves main users alone)
 * @param tickets            null when the file has no {@code tickets:} (the sync leaves the flag alone)
 * @param safety             deactivation limits
 * @param notifications      Graph change notifications of the tenant ({@link Notifications#DEFAULTS} when absent)
 * @param contentHash        SHA-256 (hex) of the settings that decide what a run plans (all but schedule,
 *                           fullSyncSchedule, timeZone and notifications; see {@link MappingSettings}): a run whose
 *                           mapping differs from the last applied run's re-evaluates every user, and a hold made under
 *                           another one re-plans
 * @param settings           the file as key → value ({@link MappingSettings}), to show what changed between two
 *                           versions
 * @param scheduleSpread     how {@code schedule} was moved from the template's ({@link ScheduleSpread}); null when
 *                           it is as written
 * @param fullSyncScheduleSpread the same for {@code fullSyncSchedule}
 */
public record TenantMapping(
        TenantConnection connection,
        String schedule,
        String fullSyncSchedule,
        ZoneId timeZone,
        Scope scope,
        List<SiteRule> sites,
        boolean createMissingSites,
        DepartmentRule departments,
        FieldRules fields,
        GroupRule mainSiteUsers,
        GroupRule tickets,
        Safety safety,
        Notifications notifications,
        String contentHash,
        java.util.Map<String, String> settings,
        ScheduleSpread scheduleSpread,
        ScheduleSpread fullSyncScheduleSpread) {

    public TenantMapping {
        sites = List.copyOf(sites);
        settings = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(settings));
    }

    /** Our key for the tenant ({@code tenant:}), as used in URLs. */
    public String tenant() {
        return connection.tenantKey();
    }

    /** The cloud as written in mapping files: global, usgov, usgov-dod, china or custom. */
    public String cloudName() {
        return Clouds.name(connection.cloud());
    }

    /**
     * Each group the mapping names (scope, site, main-site-user and no-auto-ticket rules) → the keys that name it, in
     * file order: what the connection check looks up, where a typo silently puts users out of a rule.
     */
    public java.util.Map<String, String> namedGroups() {
        java.util.Map<String, String> groups = new java.util.LinkedHashMap<>();
        scope.groups().forEach(g -> addGroup(groups, g, "scope.groups"));
        for (int i = 0; i < sites.size(); i++) {
            if (sites.get(i) instanceof SiteRule.ByGroup byGroup) {
                addGroup(groups, byGroup.group(), "sites[" + i + "].group");
            }
        }
        addGroups(groups, mainSiteUsers, "mainSiteUsers.groups");
        addGroups(groups, tickets, "tickets.groups");
        return groups;
    }

    private static void addGroups(java.util.Map<String, String> groups, GroupRule rule, String where) {
        if (rule != null) {
            rule.groups().forEach(g -> addGroup(groups, g, where));
        }
    }

    private static void addGroup(java.util.Map<String, String> groups, String group, String where) {
        groups.merge(group, where, (first, next) -> first.equals(next) ? first : first + ", " + next);
    }
}
