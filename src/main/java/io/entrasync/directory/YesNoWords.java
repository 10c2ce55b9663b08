package io.entrasync.directory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The yes/no words of a CSV cell, as people and Excel write them in English, German, French and Italian. Matched
 * in any case and without accents ({@code sì}, {@code si} and {@code SI} are the same word). {@code wahr/falsch},
 * {@code vrai/faux} and {@code vero/falso} are what a German, French or Italian Excel writes for a TRUE/FALSE cell.
 * The table is the README's ("CSV import", accepted yes/no words); keep both in step.
 */
final class YesNoWords {

    static final List<String> YES = List.of("true", "yes", "y", "1", "ja", "j", "wahr", "oui", "vrai", "sì", "si",
            "vero");
    static final List<String> NO = List.of("false", "no", "n", "0", "nein", "non", "faux", "falso", "falsch");

    private static final Map<String, Boolean> WORDS = Stream.concat(
                    YES.stream().map(word -> Map.entry(CsvHeaders.normalize(word), true)),
                    NO.stream().map(word -> Map.entry(CsvHeaders.normalize(word), false)))
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue, (first, sameWord) -> first));

    private YesNoWords() {
    }

    /** The value of {@code word}, or empty when it is none of the words. */
    static Optional<Boolean> parse(String word) {
        return Optional.ofNullable(WORDS.get(CsvHeaders.normalize(word)));
    }

    /** For error messages: "true/false, yes/no, …". */
    static String accepted() {
        return "yes: " + String.join(", ", YES) + "; no: " + String.join(", ", NO);
    }
}
