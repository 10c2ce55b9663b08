package io.entrasync.reconcile;

/** Why a directory user was left alone; reported, never fatal to a run. */
public enum SkipReason {
    /** The directory user has no usable email address. */
    NO_EMAIL,
    /** No site rule of the mapping matched the user. */
    NO_SITE_RULE,
    /** The mapped site does not exist locally and the mapping does not allow creating it. */
    SITE_MISSING,
    /** The mapped department does not exist locally and the mapping does not allow creating it. */
    DEPARTMENT_MISSING,
    /** Any other mapping failure; the detail says which. */
    UNMAPPABLE,
    /** The email belongs to an account linked to another directory user or another tenant. */
    EMAIL_CLAIMED,
    /** Two or more directory users of the tenant claim the email and this one has no account yet. */
    EMAIL_CONFLICT
}
