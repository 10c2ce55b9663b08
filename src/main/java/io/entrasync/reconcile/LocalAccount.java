package io.entrasync.reconcile;

import java.util.Objects;

/**
 * A snapshot of a helpdesk end-user account. Text fields may be null.
 *
 * @param association never null
 * @param externalId  the directory object id the account is linked to; null when unlinked
 * @param tenant      the tenant that owns the link; null for accounts no tenant owns
 * @param openTickets tickets not yet closed, for the deactivation report
 * @param deactivationReason why an inactive account is inactive; null for active accounts and for accounts
 *                    deactivated before reasons were recorded
 */
public record LocalAccount(
        long id,
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
        boolean active,
        Association association,
        String externalId,
        String tenant,
        int openTickets,
        DeactivationReason deactivationReason) {

    public LocalAccount {
        Objects.requireNonNull(association, "association");
        if (openTickets < 0) {
            throw new IllegalArgumentException("openTickets must not be negative: " + openTickets);
        }
    }

    /** An account without a recorded deactivation reason. */
    public LocalAccount(long id, String email, String firstName, String lastName, String phone, String mobilePhone,
            String jobTitle, String siteName, String departmentName, boolean mainSiteUser, boolean autoTicketDisabled,
            boolean active, Association association, String externalId, String tenant, int openTickets) {
        this(id, email, firstName, lastName, phone, mobilePhone, jobTitle, siteName, departmentName, mainSiteUser,
                autoTicketDisabled, active, association, externalId, tenant, openTickets, null);
    }

    /** Whether an admin deactivated this (inactive) account by hand: no sync reactivates it. */
    public boolean deactivatedByAdmin() {
        return !active && deactivationReason == DeactivationReason.MANUAL;
    }

    /** Whether this account is linked to {@code externalId} of {@code tenant}. */
    public boolean isLinkedTo(String tenantKey, String directoryId) {
        return externalId != null && externalId.equals(directoryId) && Objects.equals(tenant, tenantKey);
    }

    /**
     * Whether a directory user of {@code tenantKey} may take this account over by email: it has no external id,
     * and no tenant or that same tenant.
     */
    public boolean isLinkableBy(String tenantKey) {
        return externalId == null && (tenant == null || tenant.equals(tenantKey));
    }

    /** The value of {@code field} as text (flags as {@code "true"}/{@code "false"}); null when blank. */
    public String value(Field field) {
        return switch (Objects.requireNonNull(field, "field")) {
            case FIRST_NAME -> Values.blankToNull(firstName);
            case LAST_NAME -> Values.blankToNull(lastName);
            case EMAIL -> Values.blankToNull(email);
            case PHONE -> Values.blankToNull(phone);
            case MOBILE_PHONE -> Values.blankToNull(mobilePhone);
            case JOB_TITLE -> Values.blankToNull(jobTitle);
            case SITE -> Values.blankToNull(siteName);
            case DEPARTMENT -> Values.blankToNull(departmentName);
            case MAIN_SITE_USER -> Values.flag(mainSiteUser);
            case AUTO_TICKET_DISABLED -> Values.flag(autoTicketDisabled);
        };
    }
}
