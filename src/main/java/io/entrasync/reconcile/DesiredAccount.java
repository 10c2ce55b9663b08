package io.entrasync.reconcile;

import java.util.Objects;

/**
 * The account the directory wants for one user, after mapping (site and department already resolved to names).
 * Optional text fields may be null or blank, meaning "the directory has no value"; how a blank is treated is
 * decided per field by {@link #policies()}.
 *
 * @param email    never blank (a user without email is {@link Desired.Unmappable})
 * @param siteName never blank (a user without a site is {@link Desired.Unmappable})
 * @param policies null means {@link FieldPolicies#defaults()}
 */
public record DesiredAccount(
        String email,
        String firstName,
        String lastName,
        String phone,
        String mobilePhone,
        String jobTitle,
        String siteName,
        String departmentName,
        boolean mainSiteUser,
        boolean autoTicketDisabled,
        FieldPolicies policies) {

    public DesiredAccount {
        if (Values.isBlank(email)) {
            throw new IllegalArgumentException("desired account needs an email");
        }
        if (Values.isBlank(siteName)) {
            throw new IllegalArgumentException("desired account " + email + " needs a site");
        }
        policies = policies == null ? FieldPolicies.defaults() : policies;
    }

    /** A directory-owned account with only the required fields; complete it with the {@code with…} methods. */
    public static DesiredAccount of(String email, String siteName) {
        return new DesiredAccount(email, null, null, null, null, null, siteName, null, false, false, null);
    }

    /** The value of {@code field} as text (flags as {@code "true"}/{@code "false"}); null when blank. */
    public String value(Field field) {
        return switch (Objects.requireNonNull(field, "field")) {
            case FIRST_NAME -> Values.blankToNull(firstName);
            case LAST_NAME -> Values.blankToNull(lastName);
            case EMAIL -> email;
            case PHONE -> Values.blankToNull(phone);
            case MOBILE_PHONE -> Values.blankToNull(mobilePhone);
            case JOB_TITLE -> Values.blankToNull(jobTitle);
            case SITE -> siteName;
            case DEPARTMENT -> Values.blankToNull(departmentName);
            case MAIN_SITE_USER -> Values.flag(mainSiteUser);
            case AUTO_TICKET_DISABLED -> Values.flag(autoTicketDisabled);
        };
    }

    public DesiredAccount withName(String first, String last) {
        return new DesiredAccount(email, first, last, phone, mobilePhone, jobTitle, siteName, departmentName,
                mainSiteUser, autoTicketDisabled, policies);
    }

    public DesiredAccount withPhones(String newPhone, String newMobilePhone) {
        return new DesiredAccount(email, firstName, lastName, newPhone, newMobilePhone, jobTitle, siteName,
                departmentName, mainSiteUser, autoTicketDisabled, policies);
    }

    public DesiredAccount withJobTitle(String newJobTitle) {
        return new DesiredAccount(email, firstName, lastName, phone, mobilePhone, newJobTitle, siteName,
                departmentName, mainSiteUser, autoTicketDisabled, policies);
    }

    public DesiredAccount withEmail(String newEmail) {
        return new DesiredAccount(newEmail, firstName, lastName, phone, mobilePhone, jobTitle, siteName,
                departmentName, mainSiteUser, autoTicketDisabled, policies);
    }

    public DesiredAccount withPlacement(String newSiteName, String newDepartmentName) {
        return new DesiredAccount(email, firstName, lastName, phone, mobilePhone, jobTitle, newSiteName,
                newDepartmentName, mainSiteUser, autoTicketDisabled, policies);
    }

    public DesiredAccount withFlags(boolean newMainSiteUser, boolean newAutoTicketDisabled) {
        return new DesiredAccount(email, firstName, lastName, phone, mobilePhone, jobTitle, siteName,
                departmentName, newMainSiteUser, newAutoTicketDisabled, policies);
    }

    public DesiredAccount withPolicy(Field field, FieldPolicy policy) {
        return new DesiredAccount(email, firstName, lastName, phone, mobilePhone, jobTitle, siteName,
                departmentName, mainSiteUser, autoTicketDisabled, policies.with(field, policy));
    }
}
