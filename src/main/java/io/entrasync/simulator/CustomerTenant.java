package io.entrasync.simulator;

import java.util.List;
import java.util.Objects;

/**
 * A customer tenant of the MSP in the simulator: reached only with the MSP's multi-tenant app
 * ({@link MspAppRegistration}), and only after its admin consented on the simulator's admin-consent page.
 *
 * @param tenantId    stable tenant id (GUID-like)
 * @param displayName the organization's name, e.g. {@code Fabrikam}
 * @param domain      its default (mail and UPN) domain; the initial one is derived ({@link SimOrganization#of})
 * @param users       users generated
 * @param groups      groups generated (scope, admin, no-ticket, site, team and project groups)
 * @param seed        makes its directory deterministic
 * @param sites       its site groups, e.g. {@code Berlin Office}
 */
public record CustomerTenant(String tenantId, String displayName, String domain, int users, int groups, long seed,
        List<String> sites) {

    public CustomerTenant {
        Objects.requireNonNull(tenantId, "tenantId");
        if (displayName == null || displayName.isBlank()) {
            throw new IllegalArgumentException("customer tenant " + tenantId + " needs a display name");
        }
        sites = sites == null || sites.isEmpty() ? DirectoryShape.GroupNames.DEMO.sites() : List.copyOf(sites);
    }

    /**
     * The two customers of the demo: Fabrikam and Northwind Traders, a few dozen users and groups each. Both have the
     * groups {@code mappings/_msp-default.yaml} names (Helpdesk Users, Berlin Office, Paris Office, Site Admins,
     * No Auto Tickets), so a customer connected with that template passes the connection check; each has a third site
     * of its own (Munich, Vienna) for the group picker's site rules.
     */
    public static final List<CustomerTenant> DEMO = List.of(
            new CustomerTenant("00000000-0000-0000-0000-0000000fab01", "Fabrikam", "fabrikam.example", 48, 24, 7,
                    List.of("Berlin Office", "Paris Office", "Munich Office")),
            new CustomerTenant("00000000-0000-0000-0000-0000000a0e02", "Northwind Traders", "northwind.example", 36,
                    24, 11, List.of("Berlin Office", "Paris Office", "Vienna Office")));

    DirectoryShape shape() {
        DirectoryShape.GroupNames demo = DirectoryShape.GroupNames.DEMO;
        return new DirectoryShape(users, groups, seed, domain,
                new DirectoryShape.GroupNames(demo.scope(), sites, demo.siteAdmins(), demo.noAutoTickets()));
    }

    SimOrganization organization() {
        return SimOrganization.of(displayName, domain);
    }
}
