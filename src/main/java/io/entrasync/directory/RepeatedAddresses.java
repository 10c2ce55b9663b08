package io.entrasync.directory;

import java.util.HashMap;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;

/**
 * An address may stand on one row of an import file. The first row with it is the one imported (applied, or rejected
 * for a reason of its own); every later row with the same address (in any case) is rejected naming both lines, so two
 * rows never silently overwrite each other. Remembers each valid address of the file with its first line (about
 * 100 bytes a row: ~20 MB for the largest body the API takes).
 */
final class RepeatedAddresses {

    private final Map<String, Long> firstLines = new HashMap<>();

    /**
     * The rejection for the row on {@code line} when its address was already on an earlier row, else null (and the
     * address is remembered when it is a valid one; a blank or invalid email is left to {@link CsvRow#parse}).
     */
    String repeated(CSVRecord record, Map<String, String> columns, long line) {
        String email = CsvRow.cell(record, columns, "email");
        if (email == null || !EmailAddress.isValid(email)) {
            return null;
        }
        Long first = firstLines.putIfAbsent(EmailAddress.key(email), line);
        if (first == null) {
            return null;
        }
        return "email '" + email + "' is also on line " + first + "; an address may stand on one row of a file: only line "
                + first + " counts for it (imported, or rejected for its own reason), line " + line + " does not (merge "
                + "the two rows into one)";
    }
}
