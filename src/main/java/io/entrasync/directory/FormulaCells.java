package io.entrasync.directory;

import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVRecord;

/**
 * Flags cells a spreadsheet would run as a formula (CSV injection: {@code =HYPERLINK(...)}, {@code @SUM(...)}).
 * They are stored as given, since a name may really begin with a hyphen, but the import report lists them. A phone
 * number such as {@code +49 30 1234} in a phone column is what it looks like and is not flagged. The audit export
 * ({@code auth/AuditController}) uses the same test to defuse its cells.
 */
public final class FormulaCells {

    private static final Pattern PHONE = Pattern.compile("^\\+?[0-9 ()./-]+$");

    private FormulaCells() {
    }

    /** Whether a spreadsheet would run {@code value} as a formula: it begins with =, +, -, @, tab or CR. */
    public static boolean looksLikeFormula(String value) {
        return value != null && !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0;
    }

    static void flag(CSVRecord record, long line, Map<String, String> columns, Consumer<ImportReport.Flag> flagged) {
        for (Map.Entry<String, String> column : columns.entrySet()) {
            if (!record.isSet(column.getValue())) {
                continue;
            }
            String value = record.get(column.getValue()).trim();
            if (!looksLikeFormula(value)) {
                continue;
            }
            boolean phoneColumn = column.getKey().equals("phone") || column.getKey().equals("mobilePhone");
            if (phoneColumn && PHONE.matcher(value).matches()) {
                continue;
            }
            flagged.accept(new ImportReport.Flag(line, column.getKey(), column.getKey() + " begins with '"
                    + value.charAt(0) + "' like a spreadsheet formula; stored as given"));
        }
    }
}
