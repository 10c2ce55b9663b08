package io.entrasync.mapping;

/**
 * Every helpdesk account field the directory may own, by the names the doors use: {@link #apiName()} in the REST API
 * ({@code PATCH /api/users/{id}}) and {@link #csvColumn()} in the CSV import.
 */
public enum AccountField {
    FIRST_NAME("firstName", "firstName", Field.FIRST_NAME),
    LAST_NAME("lastName", "lastName", Field.LAST_NAME),
    EMAIL("email", "email", Field.EMAIL),
    PHONE("phone", "phone", Field.PHONE),
    MOBILE_PHONE("mobilePhone", "mobilePhone", Field.MOBILE_PHONE),
    JOB_TITLE("jobTitle", "jobTitle", Field.JOB_TITLE),
    SITE("siteId", "site", null),
    DEPARTMENT("departmentId", "department", null),
    MAIN_SITE_USER("mainSiteUser", "mainSiteUser", null),
    AUTO_TICKET_DISABLED("autoTicketDisabled", "autoTicketDisabled", null);

    private final String apiName;
    private final String csvColumn;
    private final Field profileField;

    AccountField(String apiName, String csvColumn, Field profileField) {
        this.apiName = apiName;
        this.csvColumn = csvColumn;
        this.profileField = profileField;
    }

    public String apiName() {
        return apiName;
    }

    public String csvColumn() {
        return csvColumn;
    }

    /** The mapping's {@code fields:} key for a profile field; null for the site, department and flags. */
    Field profileField() {
        return profileField;
    }
}
