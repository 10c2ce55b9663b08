package io.entrasync.directory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The name of an account created from an email, the way the helpdesk products our users know do it:
 * {@code claire.johnson@x.org} gives "Claire" "Johnson", {@code c.johnson@} gives "C" "Johnson", and
 * {@code clairejohnson@} gives "Clairejohnson" "Clairejohnson". With several dots, the last part is the last
 * name and the others form the first name ({@code mary.ann.lee@} → "Mary Ann" "Lee"). A {@code +tag} is dropped;
 * underscores count as dots; a letter after an apostrophe or hyphen is capitalised ({@code o'brien@} → "O'Brien"). A display name in {@code From} with at least two words wins over the address.
 */
public record DerivedName(String firstName, String lastName) {

    public static DerivedName fromSender(String displayName, String email) {
        if (displayName != null) {
            List<String> words = Arrays.stream(displayName.trim().split("\\s+")).filter(w -> !w.isEmpty()).toList();
            if (words.size() >= 2) {
                return new DerivedName(String.join(" ", words.subList(0, words.size() - 1)), words.get(words.size() - 1));
            }
        }
        return fromAddress(email);
    }

    public static DerivedName fromAddress(String email) {
        String local = email.substring(0, Math.max(0, email.indexOf('@')));
        int plus = local.indexOf('+');
        if (plus > 0) {
            local = local.substring(0, plus);
        }
        List<String> parts = new ArrayList<>();
        for (String part : local.split("[._]+")) {
            if (!part.isEmpty()) {
                parts.add(capitalize(part));
            }
        }
        if (parts.isEmpty()) {
            parts.add(capitalize(local.isEmpty() ? email : local));
        }
        if (parts.size() == 1) {
            return new DerivedName(parts.get(0), parts.get(0));
        }
        return new DerivedName(String.join(" ", parts.subList(0, parts.size() - 1)), parts.get(parts.size() - 1));
    }

    /** "o'brien" → "O'Brien", "anne-marie" → "Anne-Marie": a letter after an apostrophe or hyphen is capital too. */
    private static String capitalize(String part) {
        String lower = part.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(lower.length());
        boolean start = true;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            out.append(start ? Character.toUpperCase(c) : c);
            start = c == '\'' || c == '-' || c == '\u2019';
        }
        return out.toString();
    }
}
