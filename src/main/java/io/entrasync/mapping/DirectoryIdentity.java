package io.entrasync.mapping;

import java.util.Locale;

/**
 * Which Entra directory a mapping file reads, as a comparable text: its {@code tenantId} within its cloud (and, for
 * {@code cloud: custom}, its Graph endpoint, since two custom endpoints are two different services). Two files with
 * the same identity would sync one directory into two tenant keys, each stranding the other's accounts. A GUID and
 * a domain name of the same tenant look different here: telling them apart would need a call to the directory.
 */
final class DirectoryIdentity {

    private DirectoryIdentity() {
    }

    /** The identity from the values as written; null without a tenantId. */
    static String of(String tenantId, String cloud, String graphEndpoint) {
        if (tenantId == null || tenantId.isBlank()) {
            return null;
        }
        String cloudName = cloud == null ? "global" : cloud.trim().toLowerCase(Locale.ROOT);
        String identity = cloudName + " " + tenantId.trim().toLowerCase(Locale.ROOT);
        if (cloudName.equals("custom") && graphEndpoint != null) {
            identity += " " + stripTrailingSlash(graphEndpoint.trim().toLowerCase(Locale.ROOT));
        }
        return identity;
    }

    /** "tenantId X in cloud C" (with the endpoint for a custom cloud), for messages. */
    static String describe(TenantSummary summary, String identity) {
        String[] parts = identity.split(" ", 3);
        return "tenantId '" + summary.tenantId() + "' in cloud " + parts[0] + (parts.length > 2 ? " (" + parts[2] + ")" : "");
    }

    private static String stripTrailingSlash(String endpoint) {
        return endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    }
}
