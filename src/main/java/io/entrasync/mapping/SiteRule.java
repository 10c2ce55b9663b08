package io.entrasync.mapping;

import java.util.Map;

/** One entry of {@code sites:}; the engine tries them in order and the first that yields a site wins. */
public sealed interface SiteRule {

    /** {@code { group: X, site: Y }}: (transitive) members of group X go to site Y. */
    record ByGroup(String group, String site) implements SiteRule { }

    /**
     * {@code { attribute: companyName, map: { value: Site } }}: the site is named by the attribute's value, or by
     * the map's entry for it (keys compared case-insensitively). With a map, a value that has no entry does not
     * match and the next rule is tried; a missing or blank attribute never matches.
     *
     * @param map empty when no value map is given
     */
    record ByAttribute(String attribute, Map<String, String> map) implements SiteRule {
        public ByAttribute {
            map = Map.copyOf(map);
        }
    }

    /** {@code { default: Site }}: everyone who reaches it. */
    record Default(String site) implements SiteRule { }
}
