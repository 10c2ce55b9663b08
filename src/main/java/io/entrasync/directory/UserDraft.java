package io.entrasync.directory;

import java.util.Map;
import java.util.Set;

/**
 * The editable fields of an account, as given by an admin (create or patch) or an import row. For a patch,
 * {@code present} lists the fields the caller sent (a field sent as null clears it); for a create every field
 * counts as present.
 */
public record UserDraft(
        Long siteId,
        String firstName,
        String lastName,
        String email,
        String phone,
        String mobilePhone,
        Long departmentId,
        String jobTitle,
        String agentId,
        Boolean mainSiteUser,
        Boolean autoTicketDisabled,
        Set<String> present) {

    /** Field names as the API spells them. */
    public static final Set<String> FIELDS = Set.of("siteId", "firstName", "lastName", "email", "phone", "mobilePhone",
            "departmentId", "jobTitle", "agentId", "mainSiteUser", "autoTicketDisabled");

    /** Longest accepted text value; the columns hold 200 (email 320) characters. */
    static final Map<String, Integer> MAX_LENGTH = Map.of("firstName", 200, "lastName", 200, "email", 320,
            "phone", 100, "mobilePhone", 100, "jobTitle", 200, "agentId", 200);

    public UserDraft {
        present = present == null ? FIELDS : Set.copyOf(present);
    }

    public boolean has(String field) {
        return present.contains(field);
    }
}
