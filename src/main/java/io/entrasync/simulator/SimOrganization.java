package io.entrasync.simulator;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What {@code GET /v1.0/organization} tells of a simulated tenant: its display name and verified domains, shaped like
 * Microsoft's "Get organization" example (each domain with {@code name}, {@code isDefault}, {@code isInitial},
 * {@code type}, {@code capabilities}).
 *
 * @param displayName     the organization's name, e.g. {@code Fabrikam}
 * @param verifiedDomains its domains; exactly one is the default, one the initial {@code *.onmicrosoft.com}
 */
public record SimOrganization(String displayName, List<VerifiedDomain> verifiedDomains) {

    public SimOrganization {
        Objects.requireNonNull(displayName, "displayName");
        verifiedDomains = List.copyOf(verifiedDomains);
    }

    /** One verified domain, as Graph's {@code verifiedDomain} resource. */
    public record VerifiedDomain(String name, boolean isDefault, boolean isInitial, String type, String capabilities) {
    }

    /**
     * An organization with its initial domain {@code <letters of the name>.onmicrosoft.com} and {@code domain} as the
     * default (mail) domain, as a tenant that added its own domain has.
     */
    public static SimOrganization of(String displayName, String domain) {
        String initial = displayName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "") + ".onmicrosoft.com";
        return new SimOrganization(displayName, List.of(
                new VerifiedDomain(domain, true, false, "Managed", "Email, OfficeCommunicationsOnline"),
                new VerifiedDomain(initial, false, true, "Managed", "Email, OfficeCommunicationsOnline")));
    }

    /** The JSON object Graph answers in {@code value} for this organization. */
    void write(JsonOut json, String tenantId, boolean all, java.util.Set<String> select) {
        json.beginObject().field("id", tenantId);
        if (all || select.contains("displayname")) {
            json.field("displayName", displayName);
        }
        if (all) {
            json.field("tenantType", "AAD").field("countryLetterCode", "DE").field("preferredLanguage", "en");
        }
        if (all || select.contains("verifieddomains")) {
            json.name("verifiedDomains").beginArray();
            for (VerifiedDomain domain : verifiedDomains) {
                json.beginObject().field("capabilities", domain.capabilities());
                json.name("isDefault").value(domain.isDefault());
                json.name("isInitial").value(domain.isInitial());
                json.field("name", domain.name()).field("type", domain.type()).endObject();
            }
            json.endArray();
        }
        json.endObject();
    }
}
