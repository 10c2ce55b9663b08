package io.entrasync.mapping;

import io.entrasync.mapping.Explanation.Decision;
import io.entrasync.mapping.MappingResult.InScope;
import io.entrasync.mapping.MappingResult.OutOfScope;
import io.entrasync.mapping.MappingResult.Unmapped;
import io.entrasync.source.DirectoryUser;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Applies a {@link TenantMapping} to one directory user. Pure and stateless: it sees only the user, the groups
 * the user belongs to (transitively, resolved by the caller from its mirror) and the mapping, never the helpdesk's
 * database, so it answers names (site, department) plus the mapping's create-if-missing flags.
 *
 * <p>Order of decisions: disabled, guest, scope groups, scope filters (→ {@link OutOfScope}); email, site
 * (→ {@link Unmapped}); then department, names, phones, main site user and tickets.
 */
public final class MappingEngine {

    private final SiteMatcher sites = new SiteMatcher();
    private final AccountFields fields = new AccountFields();

    /**
     * Never returns null.
     *
     * @param transitiveGroups every group the user is a member of, directly or through nested groups
     */
    public MappingResult evaluate(TenantMapping mapping, DirectoryUser user, Set<GroupRef> transitiveGroups) {
        Objects.requireNonNull(mapping, "mapping");
        Objects.requireNonNull(user, "user");
        Set<GroupRef> groups = transitiveGroups == null ? Set.of() : transitiveGroups;
        String email = fields.email(mapping.fields().rule(Field.EMAIL), user);

        Decision scope = ScopeCheck.inScope(mapping.scope(), user, groups, email);
        if (ScopeCheck.isOut(scope)) {
            return new OutOfScope(scope.text().substring(ScopeCheck.OUT.length()), Explanation.scopeOnly(scope));
        }
        if (email == null) {
            return new Unmapped("no usable email address in " + mapping.fields().rule(Field.EMAIL).sources()
                    + " (UPNs with #EXT# are skipped)", Explanation.scopeOnly(scope));
        }
        SiteMatcher.Match site = sites.match(mapping.sites(), user, groups, email);
        if (site.name() == null) {
            return new Unmapped("no site rule matched",
                    new Explanation(scope, site.decision(), null, null, null));
        }
        String[] department = department(mapping.departments(), user, email);
        Decision departmentDecision = department[1] == null ? null : Decision.byDefault(department[1]);
        Membership main = Membership.of(mapping.mainSiteUsers(), "mainSiteUsers.groups", groups,
                "main site user candidate", "not a main site user candidate", "no mainSiteUsers rule");
        Membership tickets = Membership.of(mapping.tickets(), "tickets.autoTicketDisabledGroups", groups,
                "automatic tickets disabled", "tickets are created from this user's emails", "no tickets rule");

        String[] names = fields.names(mapping.fields(), user);
        DesiredAccount account = new DesiredAccount(user.id(), email, names[0], names[1],
                fields.value(mapping.fields().rule(Field.PHONE), user, email),
                fields.value(mapping.fields().rule(Field.MOBILE_PHONE), user, email),
                fields.value(mapping.fields().rule(Field.JOB_TITLE), user, email),
                site.name(), site.owner(), mapping.createMissingSites() && site.owner().creatable(),
                department[0], mapping.departments() == null || mapping.departments().createMissing(),
                main.member(), tickets.member(), mapping.fields().policies());
        return new InScope(account, new Explanation(scope, site.decision(), departmentDecision, main.decision(),
                tickets.decision()));
    }

    /** {name or null, explanation text}. */
    private static String[] department(DepartmentRule rule, DirectoryUser user, String email) {
        if (rule == null) {
            return new String[] {null, "no departments rule: no department"};
        }
        String value = UserAttributes.first(user, rule.attribute(), email);
        if (value == null) {
            return new String[] {null, "no department: " + rule.attribute() + " is empty"};
        }
        String mapped = lookup(rule.map(), value);
        if (mapped != null) {
            return new String[] {mapped, rule.attribute() + " '" + value + "' mapped to department '" + mapped + "'"};
        }
        return new String[] {value, "department '" + value + "' from " + rule.attribute()};
    }

    /** The map's value for {@code key}, keys compared trimmed and case-insensitively; null when absent. */
    static String lookup(java.util.Map<String, String> map, String key) {
        String wanted = key.trim().toLowerCase(Locale.ROOT);
        for (var entry : map.entrySet()) {
            if (entry.getKey().trim().toLowerCase(Locale.ROOT).equals(wanted)) {
                return entry.getValue();
            }
        }
        return null;
    }

    /** Whether the user is in one of a {@link GroupRule}'s groups, and why. */
    private record Membership(boolean member, Decision decision) {

        /** {@code otherwise}: what not being a member means, said positively (no "not … disabled"). */
        static Membership of(GroupRule rule, String list, Set<GroupRef> groups, String meaning, String otherwise,
                             String noRule) {
            if (rule == null) {
                return new Membership(false, Decision.byDefault(noRule));
            }
            List<String> names = rule.groups();
            for (int i = 0; i < names.size(); i++) {
                if (GroupRef.find(groups, names.get(i)) != null) {
                    return new Membership(true, Decision.byRule(list, i,
                            "member of '" + names.get(i) + "' (" + list + "[" + i + "]): " + meaning));
                }
            }
            return new Membership(false, Decision.byDefault("not a member of " + names + ": " + otherwise));
        }
    }
}
