package io.entrasync.directory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The fields an admin can edit, as text by their API names, taken before and after an edit so the audit trail can
 * say what changed ({@link io.entrasync.edits.EntityEdited#between}). Only what the edit routes change; no secret
 * lives in these entities.
 */
final class EditSnapshots {

    private EditSnapshots() {
    }

    static Map<String, String> user(EndUser user) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("email", user.getEmail());
        fields.put("firstName", user.getFirstName());
        fields.put("lastName", user.getLastName());
        fields.put("phone", user.getPhone());
        fields.put("mobilePhone", user.getMobilePhone());
        fields.put("jobTitle", user.getJobTitle());
        fields.put("agentId", user.getAgentId());
        fields.put("siteId", text(user.getSite() == null ? null : user.getSite().getId()));
        fields.put("departmentId", text(user.getDepartment() == null ? null : user.getDepartment().getId()));
        fields.put("mainSiteUser", text(user.isMainSiteUser()));
        fields.put("autoTicketDisabled", text(user.isAutoTicketDisabled()));
        fields.put("active", text(user.isActive()));
        fields.put("deactivationReason", text(user.getDeactivationReason()));
        return fields;
    }

    static Map<String, String> site(Site site) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", site.getName());
        fields.put("emailDomains", String.join(", ", new TreeSet<>(site.getEmailDomains())));
        fields.put("mainUserOnlyTickets", text(site.isMainUserOnlyTickets()));
        return fields;
    }

    static Map<String, String> department(Department department) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", department.getName());
        return fields;
    }

    static Map<String, String> settings(HelpdeskSettings settings) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("autoCreateUsersFromEmail", text(settings.isAutoCreateUsersFromEmail()));
        fields.put("defaultSiteId", text(settings.getDefaultSiteId()));
        return fields;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
