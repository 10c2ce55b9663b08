package io.entrasync.mapping;

import io.entrasync.mapping.Explanation.Decision;
import io.entrasync.source.DirectoryUser;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Decides whether a user is in a mapping's scope; an out-of-scope decision's text starts with {@link #OUT}. */
final class ScopeCheck {

    static final String OUT = "out of scope: ";

    private ScopeCheck() {
    }

    static boolean isOut(Decision decision) {
        return decision.text().startsWith(OUT);
    }

    static Decision inScope(Scope scope, DirectoryUser user, Set<GroupRef> groups, String email) {
        if (Boolean.FALSE.equals(user.accountEnabled()) && !scope.includeDisabled()) {
            return Decision.byDefault(OUT + "account disabled (accountEnabled=false; scope.includeDisabled is false)");
        }
        if (user.isGuest() && !scope.includeGuests()) {
            return Decision.byDefault(OUT + "guest user (userType Guest or #EXT# in the UPN; "
                    + "scope.includeGuests is false)");
        }
        Decision membership = groups(scope.groups(), groups);
        if (isOut(membership)) {
            return membership;
        }
        List<AttributeFilter> filters = scope.filters();
        for (int i = 0; i < filters.size(); i++) {
            AttributeFilter filter = filters.get(i);
            List<String> values = UserAttributes.values(user, filter.attribute(), email);
            if (!matches(filter, values)) {
                return Decision.byRule("scope.filters", i, OUT + "filter scope.filters[" + i + "] ("
                        + filter.describe() + ") does not match " + filter.attribute() + " "
                        + (values.isEmpty() ? "(empty)" : values));
            }
        }
        return filters.isEmpty() ? membership
                : new Decision(membership.rule(), membership.index(), membership.text() + "; all "
                        + filters.size() + " scope filters match");
    }

    private static Decision groups(List<String> scopeGroups, Set<GroupRef> groups) {
        if (scopeGroups.isEmpty()) {
            return Decision.byDefault("in scope: no scope groups configured (everyone)");
        }
        for (int i = 0; i < scopeGroups.size(); i++) {
            GroupRef found = GroupRef.find(groups, scopeGroups.get(i));
            if (found != null) {
                return Decision.byRule("scope.groups", i, "in scope: member of '" + scopeGroups.get(i)
                        + "' (scope.groups[" + i + "], directly or through nested groups)");
            }
        }
        return Decision.byDefault(OUT + "not a member of any scope group " + scopeGroups);
    }

    static boolean matches(AttributeFilter filter, List<String> values) {
        boolean any = false;
        for (String value : values) {
            for (String wanted : filter.values()) {
                if (value.toLowerCase(Locale.ROOT).equals(wanted.trim().toLowerCase(Locale.ROOT))) {
                    any = true;
                }
            }
        }
        return filter.operator() == AttributeFilter.Operator.NOT_IN ? !any : any;
    }
}
