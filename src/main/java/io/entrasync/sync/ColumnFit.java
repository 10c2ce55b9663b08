package io.entrasync.sync;

import java.util.ArrayList;
import java.util.List;

/**
 * Makes directory values fit the helpdesk's columns (end_user: names and job title 200, phones 100, email 320;
 * site and department names 200). Optional text that is too long is shortened, never split inside a surrogate
 * pair, and the shortening is reported; NUL characters, which PostgreSQL text cannot hold, are dropped. A value
 * that cannot be shortened without changing who or where the user is (email, site, department) is reported as
 * {@link #tooLong(String, String, int)} so the user is skipped with that reason instead of failing the run.
 */
final class ColumnFit {

    static final int NAME = 200;
    static final int PHONE = 100;
    static final int EMAIL = 320;

    private final List<String> notes = new ArrayList<>();

    /** The value made to fit {@code max} UTF-16 units (a bound for PostgreSQL and H2 alike); null stays null. */
    String fit(String field, String value, int max) {
        if (value == null) {
            return null;
        }
        String clean = value.indexOf('\u0000') < 0 ? value : value.replace("\u0000", "");
        if (clean.length() <= max) {
            return clean;
        }
        int end = Character.isHighSurrogate(clean.charAt(max - 1)) ? max - 1 : max;
        notes.add(field + " shortened from " + clean.length() + " to " + end + " characters");
        return clean.substring(0, end);
    }

    /** The reason a required value is too long to store, or null when it fits. */
    static String tooLong(String field, String value, int max) {
        return value == null || value.length() <= max ? null
                : field + " is " + value.length() + " characters long; the helpdesk stores at most " + max;
    }

    /** What {@link #fit} shortened so far, for the log. */
    List<String> notes() {
        return notes;
    }
}
