package io.entrasync.reconcile;

import java.util.Objects;

/**
 * How one field is reconciled.
 *
 * @param ownership   never null
 * @param blankClears whether a blank (null or whitespace) desired value blanks a non-blank local value; when
 *                    false a blank desired value leaves the local value alone. Ignored for {@link Field#EMAIL} and
 *                    {@link Field#SITE}, which a {@link DesiredAccount} never leaves blank.
 */
public record FieldPolicy(Ownership ownership, boolean blankClears) {

    /** Directory-owned, a blank directory value keeps the local one: the default for every field. */
    public static final FieldPolicy DIRECTORY = new FieldPolicy(Ownership.DIRECTORY, false);

    /** Directory-owned, a blank directory value clears the local one. */
    public static final FieldPolicy DIRECTORY_BLANK_CLEARS = new FieldPolicy(Ownership.DIRECTORY, true);

    /** Set on create (and on link when blank locally), then left to the helpdesk. */
    public static final FieldPolicy HELPDESK = new FieldPolicy(Ownership.HELPDESK, false);

    public FieldPolicy {
        Objects.requireNonNull(ownership, "ownership");
    }
}
