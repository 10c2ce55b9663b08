package io.entrasync.mapping;

import java.util.Objects;

/**
 * Whose site a site rule names. By default a rule names its own tenant's site (created when missing, if the mapping
 * has {@code createMissingSites}); a site of another owner is matched only when the rule says so, with
 * {@code manualSite: true} (a site created by an admin or an import) or {@code siteOfTenant: <key>}, and is never
 * created by the sync.
 *
 * @param tenant the other tenant's key for {@link Kind#TENANT}, null otherwise
 */
public record SiteOwner(Kind kind, String tenant) {

    /** The mapping's own tenant, the manual sites, or another tenant. */
    public enum Kind { OWN, MANUAL, TENANT }

    /** The mapping's own tenant (the default). */
    public static final SiteOwner OWN = new SiteOwner(Kind.OWN, null);
    /** A manual site: created through {@code POST /api/sites}, a CSV import (also the default site of settings). */
    public static final SiteOwner MANUAL = new SiteOwner(Kind.MANUAL, null);

    public SiteOwner {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.TENANT) != (tenant != null)) {
            throw new IllegalArgumentException("a tenant key goes with Kind.TENANT only: " + kind + " " + tenant);
        }
    }

    public static SiteOwner tenant(String key) {
        return new SiteOwner(Kind.TENANT, key);
    }

    /** Whether the sync may create the site when it is missing (only the mapping's own sites). */
    public boolean creatable() {
        return kind == Kind.OWN;
    }

    /** "site 'X'", "manual site 'X'" or "site 'X' of tenant 'y'", for explanations and reports. */
    public String describe(String site) {
        return switch (kind) {
            case OWN -> "site '" + site + "'";
            case MANUAL -> "manual site '" + site + "'";
            case TENANT -> "site '" + site + "' of tenant '" + tenant + "'";
        };
    }
}
