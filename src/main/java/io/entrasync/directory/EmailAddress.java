package io.entrasync.directory;

import java.util.Locale;
import java.util.regex.Pattern;

/** Email address rules shared by every way an account is created: validation and the case-insensitive key. */
public final class EmailAddress {

    // Pragmatic check (local@domain.tld, no spaces or control characters); RFC 5322 in full accepts far more
    // than any mail system our users run.
    private static final Pattern VALID = Pattern.compile(
            "^[^\\s@\\p{Cntrl}\"(),:;<>\\[\\\\\\]]{1,64}@[A-Za-z0-9\\p{L}](?:[A-Za-z0-9\\p{L}-]{0,62}[A-Za-z0-9\\p{L}])?"
                    + "(?:\\.[A-Za-z0-9\\p{L}](?:[A-Za-z0-9\\p{L}-]{0,62}[A-Za-z0-9\\p{L}])?)+$");

    private EmailAddress() {
    }

    public static boolean isValid(String email) {
        return email != null && email.length() <= 320 && email.chars().noneMatch(Character::isISOControl)
                && VALID.matcher(email.trim()).matches();
    }

    public static String clean(String email) {
        return email == null ? null : email.trim();
    }

    /** The case-insensitive identity of an address. */
    public static String key(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }

    /** The domain part, lower-cased, or null when there is none. */
    public static String domain(String email) {
        if (email == null) {
            return null;
        }
        int at = email.lastIndexOf('@');
        return at < 0 ? null : email.substring(at + 1).trim().toLowerCase(Locale.ROOT);
    }
}
