package io.entrasync.mapping;

/**
 * The helpdesk account a directory user in scope should have. Text values are trimmed; null means "the
 * directory has no value" (what the sync does then follows the field's {@link FieldPolicy}).
 *
 * @param externalId                the directory object id (hard match key), never null
 * @param email                     never null
 * @param siteName                  never null; the site may not exist yet
 * @param siteOwner                 whose site {@code siteName} is (the mapping's own tenant unless the rule said
 *                                  otherwise); never null
 * @param createSiteIfMissing       the mapping's {@code createMissingSites} for a site of its own tenant, always
 *                                  false for another owner's: false → the sync reports the user unmapped when no
 *                                  such site exists
 * @param departmentName            null when the mapping has no departments rule or the attribute is blank
 * @param createDepartmentIfMissing the departments rule's {@code createMissing}: false → no department when none
 *                                  of that name exists
 * @param mainSiteUserCandidate     member of a {@code mainSiteUsers} group; the sync picks one per site
 * @param autoTicketDisabled        member of a {@code tickets} group
 * @param policies                  ownership and blank handling of each {@link Field}
 */
public record DesiredAccount(
        String externalId,
        String email,
        String firstName,
        String lastName,
        String phone,
        String mobilePhone,
        String jobTitle,
        String siteName,
        SiteOwner siteOwner,
        boolean createSiteIfMissing,
        String departmentName,
        boolean createDepartmentIfMissing,
        boolean mainSiteUserCandidate,
        boolean autoTicketDisabled,
        FieldPolicies policies) {

    /** The desired value of a field. */
    public String value(Field field) {
        return switch (field) {
            case FIRST_NAME -> firstName;
            case LAST_NAME -> lastName;
            case EMAIL -> email;
            case PHONE -> phone;
            case MOBILE_PHONE -> mobilePhone;
            case JOB_TITLE -> jobTitle;
        };
    }
}
