package io.entrasync.web;

import io.entrasync.directory.EmailAddress;
import io.entrasync.directory.EndUser;
import io.entrasync.directory.UserDraft;
import io.entrasync.mapping.Field;
import io.entrasync.mapping.FieldPolicy;
import io.entrasync.mapping.MappingRegistry;
import io.entrasync.mapping.TenantMapping;
import io.entrasync.mapping.TenantMappingStatus;
import io.entrasync.problem.ConflictException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Refuses an admin's edit of a field the directory owns for that user, which the next run would silently undo.
 * A user is directory-managed when it is linked to a tenant whose mapping file is loaded and valid; each field's
 * owner comes from that mapping: the profile fields from {@code fields.<key>.owner} (default {@code directory}),
 * the site from {@code sites:} (always the directory's), the department, the main-site-user flag and the
 * auto-ticket flag from {@code departments:}, {@code mainSiteUsers:} and {@code tickets:} when the mapping has them.
 * Only a value that actually changes is refused, so a client sending a whole form back with the same values works.
 */
@Component
class DirectoryOwnedFields {

    /** API field name and, for the profile fields, the mapping's field; checked in this order. */
    private static final List<String> CHECKED = List.of("firstName", "lastName", "email", "phone", "mobilePhone",
            "jobTitle", "siteId", "departmentId", "mainSiteUser", "autoTicketDisabled");

    private final MappingRegistry mappings;

    DirectoryOwnedFields(MappingRegistry mappings) {
        this.mappings = mappings;
    }

    /**
     * Throws a {@link ConflictException} (409) naming the first field of {@code patch} that changes a value the
     * directory owns for {@code user}, its owner and how to change it; does nothing for a user no loaded mapping
     * manages.
     */
    void requireHelpdeskOwned(EndUser user, UserDraft patch) {
        if (user.getExternalId() == null || user.getTenant() == null) {
            return;
        }
        Optional<TenantMappingStatus> status = mappings.current(user.getTenant()).filter(TenantMappingStatus::valid);
        if (status.isEmpty()) {
            return;
        }
        TenantMapping mapping = status.get().mapping();
        for (String field : CHECKED) {
            if (!patch.has(field) || !changes(user, patch, field)) {
                continue;
            }
            String rule = directoryRule(mapping, field);
            if (rule != null) {
                throw new ConflictException(field, field + " is owned by the directory (tenant '" + user.getTenant()
                        + "', " + status.get().file() + ", " + rule + "); " + remedy(field));
            }
        }
    }

    /** The mapping setting that gives {@code field} to the directory, or null when the helpdesk owns it. */
    private static String directoryRule(TenantMapping mapping, String field) {
        return switch (field) {
            case "siteId" -> "sites: rules";
            case "departmentId" -> mapping.departments() == null ? null
                    : "departments.attribute: " + mapping.departments().attribute();
            case "mainSiteUser" -> mapping.mainSiteUsers() == null ? null : "mainSiteUsers:";
            case "autoTicketDisabled" -> mapping.tickets() == null ? null : "tickets:";
            default -> {
                Field mapped = profileField(field);
                FieldPolicy policy = mapping.fields().rule(mapped).policy();
                yield policy.owner() == FieldPolicy.Owner.DIRECTORY ? "fields." + mapped.key() + ".owner: directory" : null;
            }
        };
    }

    private static String remedy(String field) {
        return switch (field) {
            case "siteId" -> "change the user's groups or attributes in Entra, or the mapping's sites: rules";
            case "departmentId" -> "change it in Entra, or remove departments: from the mapping";
            case "mainSiteUser" -> "change the group membership in Entra, or remove mainSiteUsers: from the mapping";
            case "autoTicketDisabled" -> "change the group membership in Entra, or remove tickets: from the mapping";
            default -> "change it in Entra or make the field owner: helpdesk";
        };
    }

    private static Field profileField(String apiName) {
        for (Field field : Field.values()) {
            if (field.key().equals(apiName)) {
                return field;
            }
        }
        throw new IllegalArgumentException("not a profile field: " + apiName);
    }

    /** Whether applying the patch would change the field's stored value (text trimmed, email case-insensitive). */
    private static boolean changes(EndUser user, UserDraft patch, String field) {
        return switch (field) {
            case "firstName" -> differs(patch.firstName(), user.getFirstName());
            case "lastName" -> differs(patch.lastName(), user.getLastName());
            case "phone" -> differs(patch.phone(), user.getPhone());
            case "mobilePhone" -> differs(patch.mobilePhone(), user.getMobilePhone());
            case "jobTitle" -> differs(patch.jobTitle(), user.getJobTitle());
            case "email" -> patch.email() == null || !EmailAddress.key(patch.email()).equals(user.getEmailKey());
            case "siteId" -> !Objects.equals(patch.siteId(), user.getSite().getId());
            case "departmentId" -> !Objects.equals(patch.departmentId(),
                    user.getDepartment() == null ? null : user.getDepartment().getId());
            case "mainSiteUser" -> patch.mainSiteUser() != null && patch.mainSiteUser() != user.isMainSiteUser();
            case "autoTicketDisabled" -> Boolean.TRUE.equals(patch.autoTicketDisabled()) != user.isAutoTicketDisabled();
            default -> false;
        };
    }

    private static boolean differs(String patched, String stored) {
        return !Objects.equals(blankToNull(patched), blankToNull(stored));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
