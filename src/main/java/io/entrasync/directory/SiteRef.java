package io.entrasync.directory;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A site as the sync names it: its owner (a tenant key, or null for a manual site) and its name. The reconcile core
 * compares sites as text, so a run turns each reference into a {@link #label label} relative to the running tenant:
 * the plain name for the tenant's own site, the name with its owner for any other site. Two sites of one name but
 * different owners so never compare equal, and an account on another owner's site is moved to the tenant's own.
 *
 * @param tenant owning tenant key, null for a manual site (created by an admin or an import)
 * @param name   the site name as written (trimmed), never blank
 */
public record SiteRef(String tenant, String name) {

    private static final String MANUAL_SUFFIX = " (manual site)";
    /** What {@link #label} appends for another owner's site: a name of the tenant's own may not end like this. */
    private static final Pattern QUALIFIED = Pattern.compile(".*( \\(manual site\\)| \\(site of tenant '[a-z0-9-]+'\\))$");

    public SiteRef {
        Objects.requireNonNull(name, "name");
        name = name.trim();
    }

    /** The name, as the running tenant sees it: plain for its own site, with the owner for any other. */
    public String label(String runningTenant) {
        if (Objects.equals(tenant, runningTenant)) {
            return name;
        }
        return tenant == null ? name + MANUAL_SUFFIX : name + " (site of tenant '" + tenant + "')";
    }

    /**
     * Whether an own site's name would read like another owner's label (e.g. a directory value
     * "Berlin (manual site)"): such a name cannot be told apart from that label, so the sync refuses it.
     */
    public static boolean looksQualified(String name) {
        return QUALIFIED.matcher(name).matches();
    }

    /** The site table's owner_key. */
    String ownerKey() {
        return Site.ownerKey(tenant);
    }

    /** A key unique per site: owner key and name key (owner keys hold no '/'). */
    String cacheKey() {
        return ownerKey() + "/" + Site.key(name);
    }
}
