package io.entrasync.mapping;

import java.util.Map;
import java.util.Objects;

/**
 * One entry of {@code sites:}; the engine tries them in order and the first that yields a site wins. Each rule
 * names sites of one {@link SiteOwner}: the mapping's own tenant unless the rule has {@code manualSite: true} or
 * {@code siteOfTenant: <key>}.
 */
public sealed interface SiteRule {

    /** Whose sites the rule names; never null. */
    SiteOwner owner();

    /** {@code { group: X, site: Y }}: (transitive) members of group X go to site Y. */
    record ByGroup(String group, String site, SiteOwner owner) implements SiteRule {
        public ByGroup {
            Objects.requireNonNull(owner, "owner");
        }

        public ByGroup(String group, String site) {
            this(group, site, SiteOwner.OWN);
        }
    }

    /**
     * {@code { attribute: companyName, map: { value: Site } }}: the site is named by the attribute's value, or by
     * the map's entry for it (keys compared case-insensitively). With a map, a value that has no entry does not
     * match and the next rule is tried; a missing or blank attribute never matches.
     *
     * @param map empty when no value map is given
     */
    record ByAttribute(String attribute, Map<String, String> map, SiteOwner owner) implements SiteRule {
        public ByAttribute {
            map = Map.copyOf(map);
            Objects.requireNonNull(owner, "owner");
        }

        public ByAttribute(String attribute, Map<String, String> map) {
            this(attribute, map, SiteOwner.OWN);
        }
    }

    /** {@code { default: Site }}: everyone who reaches it. */
    record Default(String site, SiteOwner owner) implements SiteRule {
        public Default {
            Objects.requireNonNull(owner, "owner");
        }

        public Default(String site) {
            this(site, SiteOwner.OWN);
        }
    }
}
