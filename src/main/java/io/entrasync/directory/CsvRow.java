package io.entrasync.directory;

import io.entrasync.problem.InvalidInputException;
import org.apache.commons.csv.CSVRecord;

/** One validated import row. Blank optional cells mean "leave as it is". */
record CsvRow(long line, String site, String firstName, String lastName, String email, String phone,
              String mobilePhone, String department, String jobTitle, Boolean mainSiteUser) {

    /** {@code columns} maps our column names to the header as written ({@link CsvHeaders#resolve}). */
    static CsvRow parse(CSVRecord record, long line, java.util.Map<String, String> columns) {
        String email = cell(record, columns, "email");
        if (email == null) {
            throw new InvalidInputException("email", "email is required");
        }
        if (!EmailAddress.isValid(email)) {
            throw new InvalidInputException("email", "email '" + email + "' is not a valid email address");
        }
        String site = cell(record, columns, "site");
        if (site == null) {
            throw new InvalidInputException("site", "site is required");
        }
        CsvRow row = new CsvRow(line, limit("site", site, 200), limit("firstName", cell(record, columns, "firstName"), 200),
                limit("lastName", cell(record, columns, "lastName"), 200), email, limit("phone", cell(record, columns, "phone"), 100),
                limit("mobilePhone", cell(record, columns, "mobilePhone"), 100), limit("department", cell(record, columns, "department"), 200),
                limit("jobTitle", cell(record, columns, "jobTitle"), 200), yesNo(cell(record, columns, "mainSiteUser"), line, columns.get("mainSiteUser")));
        return row;
    }

    /** The trimmed cell of our {@code column}, or null when the file has no such column or the cell is blank. */
    static String cell(CSVRecord record, java.util.Map<String, String> columns, String column) {
        String written = columns.get(column);
        if (written == null || !record.isMapped(written) || !record.isSet(written)) {
            return null;
        }
        String value = record.get(written).trim();
        return value.isEmpty() ? null : value;
    }

    private static String limit(String column, String value, int max) {
        if (value == null) {
            return null;
        }
        if (value.length() > max) {
            throw new InvalidInputException(column, column + " is longer than " + max + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException(column, column + " contains control characters");
        }
        return value;
    }

    private static Boolean yesNo(String value, long line, String header) {
        if (value == null) {
            return null;
        }
        return YesNoWords.parse(value).orElseThrow(() -> new InvalidInputException("mainSiteUser",
                "mainSiteUser '" + value + "' (line " + line + ", column '" + header + "') is not a yes/no word; "
                        + "accepted in any case: " + YesNoWords.accepted()));
    }
}
