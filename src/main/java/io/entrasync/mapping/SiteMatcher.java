package io.entrasync.mapping;

import io.entrasync.mapping.Explanation.Decision;
import io.entrasync.source.DirectoryUser;
import java.util.List;
import java.util.Set;

/** Tries a mapping's site rules in order; the first that yields a site wins. */
final class SiteMatcher {

    /** The chosen site (null when no rule matched), whose site it is, and why. */
    record Match(String name, SiteOwner owner, Decision decision) { }

    Match match(List<SiteRule> rules, DirectoryUser user, Set<GroupRef> groups, String email) {
        for (int i = 0; i < rules.size(); i++) {
            Match match = match(rules.get(i), i, user, groups, email);
            if (match != null) {
                return match;
            }
        }
        return new Match(null, SiteOwner.OWN, Decision.byDefault("no site rule matched (" + rules.size()
                + " rules tried)"));
    }

    private static Match match(SiteRule rule, int i, DirectoryUser user, Set<GroupRef> groups, String email) {
        if (rule instanceof SiteRule.ByGroup byGroup) {
            return GroupRef.find(groups, byGroup.group()) == null ? null
                    : new Match(byGroup.site(), rule.owner(), Decision.byRule("sites", i, "member of '"
                            + byGroup.group() + "' (sites[" + i + "]) → " + rule.owner().describe(byGroup.site())));
        }
        if (rule instanceof SiteRule.ByAttribute byAttribute) {
            return byAttribute(byAttribute, i, user, email);
        }
        SiteRule.Default fallback = (SiteRule.Default) rule;
        return new Match(fallback.site(), rule.owner(),
                Decision.byRule("sites", i, "default (sites[" + i + "]) → " + rule.owner().describe(fallback.site())));
    }

    private static Match byAttribute(SiteRule.ByAttribute rule, int index, DirectoryUser user, String email) {
        String value = UserAttributes.first(user, rule.attribute(), email);
        if (value == null) {
            return null;
        }
        if (rule.map().isEmpty()) {
            return new Match(value, rule.owner(), Decision.byRule("sites", index, rule.attribute() + " '" + value
                    + "' (sites[" + index + "]) → " + rule.owner().describe(value)));
        }
        String site = MappingEngine.lookup(rule.map(), value);
        return site == null ? null : new Match(site, rule.owner(), Decision.byRule("sites", index, rule.attribute()
                + " '" + value + "' mapped (sites[" + index + "]) → " + rule.owner().describe(site)));
    }
}
