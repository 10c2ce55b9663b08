package io.entrasync.reconcile;

import java.util.Locale;

/** Blank handling and email normalisation shared by the reconcile rules. */
final class Values {

    private Values() {
    }

    static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** {@code null} for a blank value, the value itself otherwise. */
    static String blankToNull(String value) {
        return isBlank(value) ? null : value;
    }

    /** Trimmed and lower-cased (root locale); {@code null} for a blank email. */
    static String normalizeEmail(String email) {
        return isBlank(email) ? null : email.strip().toLowerCase(Locale.ROOT);
    }

    static String flag(boolean value) {
        return Boolean.toString(value);
    }

    /** {@code "-"} for null, for messages. */
    static String orDash(Object value) {
        return value == null ? "-" : value.toString();
    }
}
