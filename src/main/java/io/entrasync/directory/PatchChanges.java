package io.entrasync.directory;

import io.entrasync.mapping.AccountField;
import java.util.Objects;

/** Whether an admin's merge-patch would change a field's stored value (text trimmed, email case-insensitive). */
final class PatchChanges {

    private PatchChanges() {
    }

    static boolean changes(EndUser user, UserDraft patch, AccountField field) {
        return switch (field) {
            case FIRST_NAME -> differs(patch.firstName(), user.getFirstName());
            case LAST_NAME -> differs(patch.lastName(), user.getLastName());
            case PHONE -> differs(patch.phone(), user.getPhone());
            case MOBILE_PHONE -> differs(patch.mobilePhone(), user.getMobilePhone());
            case JOB_TITLE -> differs(patch.jobTitle(), user.getJobTitle());
            case EMAIL -> patch.email() == null || !EmailAddress.key(patch.email()).equals(user.getEmailKey());
            case SITE -> !Objects.equals(patch.siteId(), user.getSite().getId());
            case DEPARTMENT -> !Objects.equals(patch.departmentId(),
                    user.getDepartment() == null ? null : user.getDepartment().getId());
            case MAIN_SITE_USER -> patch.mainSiteUser() != null && patch.mainSiteUser() != user.isMainSiteUser();
            case AUTO_TICKET_DISABLED -> Boolean.TRUE.equals(patch.autoTicketDisabled()) != user.isAutoTicketDisabled();
        };
    }

    private static boolean differs(String patched, String stored) {
        return !Objects.equals(blankToNull(patched), blankToNull(stored));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
