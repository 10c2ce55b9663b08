package io.entrasync.reconcile;

/** Who has the last word on a field once an account is linked to the directory. */
public enum Ownership {
    /** The directory's value is applied on create, link and every later run. */
    DIRECTORY,
    /** The directory's value is only a starting point: set on create, and on link when the local value is blank. */
    HELPDESK
}
