package io.entrasync.mapping;

import java.util.Objects;

/**
 * The ownership rule, in one place: which fields of an account linked to a tenant the tenant's directory owns under
 * its mapping, and which setting says so. The profile fields follow {@code fields.<key>.owner} (default directory);
 * the site always belongs to the directory ({@code sites:} rules); the department, the main-site-user flag and the
 * auto-ticket flag belong to it when the mapping has {@code departments:}, {@code mainSiteUsers:} and
 * {@code tickets:}. The sync applies exactly these fields; every other door into an account (the API's edits, the
 * CSV import) refuses to change them. Pure: no state, no I/O.
 */
public final class FieldOwners {

    private final TenantMapping mapping;

    private FieldOwners(TenantMapping mapping) {
        this.mapping = Objects.requireNonNull(mapping);
    }

    /** The owners under {@code mapping} (a valid mapping). */
    public static FieldOwners of(TenantMapping mapping) {
        return new FieldOwners(mapping);
    }

    /** Whether the directory owns {@code field}: the sync writes it, nobody else may change it. */
    public boolean directoryOwns(AccountField field) {
        return rule(field) != null;
    }

    /**
     * The mapping setting that gives {@code field} to the directory, as an admin finds it in the file
     * ({@code fields.jobTitle.owner: directory}, {@code sites: rules}); null when the helpdesk owns the field.
     */
    public String rule(AccountField field) {
        return switch (field) {
            case SITE -> "sites: rules";
            case DEPARTMENT -> mapping.departments() == null ? null
                    : "departments.attribute: " + mapping.departments().attribute();
            case MAIN_SITE_USER -> mapping.mainSiteUsers() == null ? null : "mainSiteUsers:";
            case AUTO_TICKET_DISABLED -> mapping.tickets() == null ? null : "tickets:";
            default -> mapping.fields().rule(field.profileField()).policy().owner() == FieldPolicy.Owner.DIRECTORY
                    ? "fields." + field.profileField().key() + ".owner: directory" : null;
        };
    }

    /** How an admin changes a directory-owned {@code field} instead. */
    public static String remedy(AccountField field) {
        return switch (field) {
            case SITE -> "change the user's groups or attributes in Entra, or the mapping's sites: rules";
            case DEPARTMENT -> "change it in Entra, or remove departments: from the mapping";
            case MAIN_SITE_USER -> "change the group membership in Entra, or remove mainSiteUsers: from the mapping";
            case AUTO_TICKET_DISABLED -> "change the group membership in Entra, or remove tickets: from the mapping";
            default -> "change it in Entra or make the field owner: helpdesk";
        };
    }
}
