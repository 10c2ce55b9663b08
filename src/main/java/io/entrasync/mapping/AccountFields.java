package io.entrasync.mapping;

import io.entrasync.source.DirectoryUser;
import java.util.Locale;
import java.util.regex.Pattern;

/** Reads account field values from a directory user following the mapping's {@link FieldRule}s. */
final class AccountFields {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

    /** The first source value that is a plain email address (UPNs with #EXT# skipped), or null. */
    String email(FieldRule rule, DirectoryUser user) {
        for (String source : rule.sources()) {
            for (String value : UserAttributes.values(user, source, null)) {
                if (!value.toUpperCase(Locale.ROOT).contains("#EXT#") && EMAIL.matcher(value).matches()) {
                    return value;
                }
            }
        }
        return null;
    }

    /** The first non-blank source value, or null. */
    String value(FieldRule rule, DirectoryUser user, String email) {
        for (String source : rule.sources()) {
            String value = UserAttributes.first(user, source, email);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /**
     * {firstName, lastName}; a part the sources leave empty is taken from displayName: "Last, First", or
     * "First Middle Last" (the last word is the last name; a single word is the first name).
     */
    String[] names(FieldRules rules, DirectoryUser user) {
        String first = value(rules.rule(Field.FIRST_NAME), user, null);
        String last = value(rules.rule(Field.LAST_NAME), user, null);
        String display = user.displayName() == null ? "" : user.displayName().trim();
        if ((first == null || last == null) && !display.isEmpty()) {
            String[] derived = split(display);
            first = first == null ? derived[0] : first;
            last = last == null ? derived[1] : last;
        }
        return new String[] {first, last};
    }

    private static String[] split(String display) {
        int comma = display.indexOf(',');
        if (comma > 0 && comma < display.length() - 1) {
            return new String[] {display.substring(comma + 1).trim(), display.substring(0, comma).trim()};
        }
        int space = display.lastIndexOf(' ');
        if (space < 0) {
            return new String[] {display, null};
        }
        return new String[] {display.substring(0, space).trim(), display.substring(space + 1).trim()};
    }
}
