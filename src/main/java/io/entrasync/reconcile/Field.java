package io.entrasync.reconcile;

/**
 * An account attribute the directory may manage. The first eight are the profile fields of a helpdesk user;
 * {@link #MAIN_SITE_USER} and {@link #AUTO_TICKET_DISABLED} are its two flags, compared as {@code "true"} /
 * {@code "false"} and therefore never blank.
 */
public enum Field {
    FIRST_NAME,
    LAST_NAME,
    EMAIL,
    PHONE,
    MOBILE_PHONE,
    JOB_TITLE,
    SITE,
    DEPARTMENT,
    MAIN_SITE_USER,
    AUTO_TICKET_DISABLED
}
