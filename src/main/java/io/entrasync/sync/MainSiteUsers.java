package io.entrasync.sync;

import io.entrasync.mapping.GroupRule;
import io.entrasync.mapping.MappingEngine;
import io.entrasync.mapping.MappingResult;
import io.entrasync.mapping.TenantMapping;
import io.entrasync.mirror.DirectoryMirror;
import io.entrasync.mirror.MirrorUser;
import io.entrasync.reconcile.MainSiteUserPicker;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Decides, once per run, who is the main user of each site: every in-scope member (directly or through nested
 * groups) of the mapping's {@code mainSiteUsers} groups is a candidate, and one per site is picked
 * deterministically (lowest email), whatever order the run meets users in. The others are reported.
 */
@Component
class MainSiteUsers {

    /** The chosen users' external ids, and the picks where several candidates competed. */
    record Decision(Set<String> chosen, List<MainSiteUserPicker.Pick> contested) {
        static final Decision NONE = new Decision(Set.of(), List.of());
    }

    private final JdbcTemplate jdbc;
    private final DirectoryMirror mirror;
    private final MappingEngine engine;

    MainSiteUsers(JdbcTemplate jdbc, DirectoryMirror mirror) {
        this.jdbc = jdbc;
        this.mirror = mirror;
        this.engine = new MappingEngine();
    }

    Decision decide(TenantMapping mapping) {
        GroupRule rule = mapping.mainSiteUsers();
        if (rule == null) {
            return Decision.NONE;
        }
        String tenant = mapping.tenant();
        Set<String> candidates = usersUnder(tenant, groupsNamed(tenant, rule.groups()));
        if (candidates.isEmpty()) {
            return Decision.NONE;
        }
        Map<String, Set<io.entrasync.mirror.GroupRef>> groups = mirror.transitiveGroups(tenant, candidates);
        Map<String, List<MainSiteUserPicker.Candidate>> bySite = new HashMap<>();
        for (MirrorUser user : mirror.users(tenant, candidates)) {
            if (user.removed()) {
                continue;
            }
            MappingResult result = engine.evaluate(mapping, user.toDirectoryUser(),
                    GroupRefs.toMapping(groups.getOrDefault(user.id(), Set.of())));
            if (result instanceof MappingResult.InScope inScope) {
                // per site within its owner: a manual "HQ" and the tenant's own "HQ" each get a main user
                String site = inScope.account().siteOwner() + "/" + inScope.account().siteName().toLowerCase(Locale.ROOT);
                bySite.computeIfAbsent(site, k -> new ArrayList<>())
                        .add(new MainSiteUserPicker.Candidate(user.id(), inScope.account().email()));
            }
        }
        Set<String> chosen = new HashSet<>();
        List<MainSiteUserPicker.Pick> contested = new ArrayList<>();
        for (MainSiteUserPicker.Pick pick : new MainSiteUserPicker().pick(bySite)) {
            chosen.add(pick.chosen().externalId());
            if (pick.contested()) {
                contested.add(pick);
            }
        }
        return new Decision(Set.copyOf(chosen), List.copyOf(contested));
    }

    private Set<String> groupsNamed(String tenant, List<String> namesOrIds) {
        Set<String> ids = new HashSet<>();
        for (String nameOrId : namesOrIds) {
            ids.addAll(jdbc.queryForList("select id from mirror_group where tenant = ? and removed = false "
                    + "and (id = ? or lower(display_name) = ?)", String.class, tenant, nameOrId,
                    nameOrId.toLowerCase(Locale.ROOT)));
        }
        return ids;
    }

    /** Users that are members of the groups or of any group nested under them (cycle-safe). */
    private Set<String> usersUnder(String tenant, Set<String> roots) {
        Set<String> seen = new HashSet<>(roots);
        Deque<String> queue = new ArrayDeque<>(roots);
        Set<String> users = new HashSet<>();
        while (!queue.isEmpty()) {
            String group = queue.poll();
            jdbc.query("select member_id, member_type from mirror_membership where tenant = ? and group_id = ?", rs -> {
                String member = rs.getString(1);
                if ("GROUP".equals(rs.getString(2))) {
                    if (seen.add(member)) {
                        queue.add(member);
                    }
                } else {
                    users.add(member);
                }
            }, tenant, group);
        }
        return users;
    }
}
