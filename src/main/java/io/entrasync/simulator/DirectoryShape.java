package io.entrasync.simulator;

import java.util.List;
import java.util.Objects;

/**
 * What a simulated tenant's directory looks like when generated. The same shape and seed always give the same
 * directory (ids, names, groups and memberships).
 *
 * @param users  users generated at start (about 3 % guests, 4 % disabled)
 * @param groups groups: the scope group, the admin and no-ticket groups, site groups, team groups nested in the
 *               sites (3 levels: scope → site → team) and project groups outside the scope; at least
 *               {@link #minimumGroups(GroupNames)}
 * @param seed   makes the directory deterministic
 * @param domain the tenant's mail and UPN domain, e.g. {@code demo.example}
 * @param names  the well-known group names a mapping file refers to
 */
public record DirectoryShape(int users, int groups, long seed, String domain, GroupNames names) {

    /** The most users one tenant may hold (member keys are ints with one bit for the kind). */
    public static final int MAX_USERS = 1 << 29;

    public DirectoryShape {
        Objects.requireNonNull(names, "names");
        if (users < 0 || users > MAX_USERS) {
            throw new IllegalArgumentException("users must be between 0 and " + MAX_USERS + ", was " + users);
        }
        if (groups < minimumGroups(names)) {
            throw new IllegalArgumentException("groups must be at least " + minimumGroups(names) + " for "
                    + names.sites().size() + " site groups, was " + groups);
        }
        if (domain == null || domain.isBlank()) {
            throw new IllegalArgumentException("domain is required");
        }
    }

    /** A shape with the demo's group names and domain. */
    public static DirectoryShape of(int users, int groups, long seed) {
        return new DirectoryShape(users, groups, seed, "demo.example", GroupNames.DEMO);
    }

    /** Scope, admin and no-ticket groups, one site and one team group per site name, and one project group. */
    public static int minimumGroups(GroupNames names) {
        return 3 + 2 * Math.max(1, names.sites().size()) + 1;
    }

    /**
     * Group names the demo mapping refers to.
     *
     * @param scope         the root group whose (transitive) members are in scope
     * @param sites         site groups nested in the scope group; more are generated when the shape has room
     * @param siteAdmins    members are a site's main users
     * @param noAutoTickets members get no automatic tickets
     */
    public record GroupNames(String scope, List<String> sites, String siteAdmins, String noAutoTickets) {

        /** The names {@code mappings/demo.yaml} uses. */
        public static final GroupNames DEMO = new GroupNames("Helpdesk Users", List.of("Berlin Office", "Paris Office"),
                "Site Admins", "No Auto Tickets");

        public GroupNames {
            sites = sites == null ? List.of() : List.copyOf(sites);
            requireName("scope", scope);
            requireName("siteAdmins", siteAdmins);
            requireName("noAutoTickets", noAutoTickets);
            sites.forEach(site -> requireName("sites", site));
        }

        private static void requireName(String what, String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("group name " + what + " must not be blank");
            }
        }
    }
}
