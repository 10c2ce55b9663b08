package io.entrasync.mapping;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean …" for misspelt keys and values (Levenshtein distance, case-insensitive). */
final class Suggestions {

    private Suggestions() {
    }

    /** The closest candidate within a typo's reach, or null. */
    static String closest(String given, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String needle = given.toLowerCase(Locale.ROOT);
        for (String candidate : candidates) {
            int distance = distance(needle, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        int reach = Math.max(2, given.length() / 3);
        if (bestDistance <= reach) {
            return best;
        }
        for (String candidate : candidates) {
            if (needle.length() >= 3 && candidate.toLowerCase(Locale.ROOT).startsWith(needle)) {
                return candidate;
            }
        }
        return null;
    }

    /** "; did you mean 'x'?" or "". */
    static String didYouMean(String given, Collection<String> candidates) {
        String closest = closest(given, candidates);
        return closest == null ? "" : "; did you mean '" + closest + "'?";
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
