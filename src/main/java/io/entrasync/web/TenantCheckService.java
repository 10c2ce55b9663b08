package io.entrasync.web;

import io.entrasync.graph.ConnectionCheck;
import io.entrasync.mapping.GroupRule;
import io.entrasync.mapping.SiteRule;
import io.entrasync.mapping.TenantMapping;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * "Test connection" for one tenant: the Graph probes of {@link ConnectionCheck} for every group its mapping names
 * (scope, site, main-site-user and no-auto-ticket rules), where a typo silently puts users out of a rule. Reads only.
 * Public for the connect flow, which checks a customer tenant right after its consent.
 */
@Service
public class TenantCheckService {

    private final ConnectionCheck check;

    TenantCheckService(ConnectionCheck check) {
        this.check = check;
    }

    /** The report: {@code ok} when every check passed. */
    public record Report(String tenant, boolean ok, List<ConnectionCheck.Line> checks) {
    }

    public Report check(TenantMapping mapping) {
        List<ConnectionCheck.Line> lines = check.check(mapping.connection(), namedGroups(mapping));
        return new Report(mapping.tenant(), lines.stream().allMatch(l -> l.status().equals("ok")), lines);
    }

    /** Each group the mapping names → the keys that name it, in file order. */
    static Map<String, String> namedGroups(TenantMapping mapping) {
        Map<String, String> groups = new LinkedHashMap<>();
        mapping.scope().groups().forEach(g -> add(groups, g, "scope.groups"));
        List<SiteRule> sites = mapping.sites();
        for (int i = 0; i < sites.size(); i++) {
            if (sites.get(i) instanceof SiteRule.ByGroup byGroup) {
                add(groups, byGroup.group(), "sites[" + i + "].group");
            }
        }
        addAll(groups, mapping.mainSiteUsers(), "mainSiteUsers.groups");
        addAll(groups, mapping.tickets(), "tickets.groups");
        return groups;
    }

    private static void addAll(Map<String, String> groups, GroupRule rule, String where) {
        if (rule != null) {
            rule.groups().forEach(g -> add(groups, g, where));
        }
    }

    private static void add(Map<String, String> groups, String group, String where) {
        groups.merge(group, where, (first, next) -> first.equals(next) ? first : first + ", " + next);
    }
}
