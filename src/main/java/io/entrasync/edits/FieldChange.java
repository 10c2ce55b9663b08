package io.entrasync.edits;

/**
 * One field an edit changed, its values as text (null for no value). Long values are cut to {@link #MAX_VALUE}
 * characters so one edit cannot bloat the audit trail. Never built for a secret: the edited entities hold none.
 *
 * @param field  the field's API name, e.g. {@code jobTitle}
 * @param before the value before the edit (null: none, or the entity did not exist)
 * @param after  the value after the edit (null: none, or the entity was deleted)
 */
public record FieldChange(String field, String before, String after) {

    public static final int MAX_VALUE = 500;

    public FieldChange {
        before = cut(before);
        after = cut(after);
    }

    private static String cut(String value) {
        return value == null || value.length() <= MAX_VALUE ? value : value.substring(0, MAX_VALUE - 1) + "…";
    }
}
