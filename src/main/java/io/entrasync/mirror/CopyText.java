package io.entrasync.mirror;

import java.util.List;

/** Rows in PostgreSQL's {@code COPY ... FROM STDIN} text format: tab-separated, {@code \N} for null, escaped. */
final class CopyText {

    private CopyText() {
    }

    static String of(List<Object[]> rows) {
        StringBuilder text = new StringBuilder(rows.size() * 256);
        for (Object[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    text.append('\t');
                }
                append(text, row[i]);
            }
            text.append('\n');
        }
        return text.toString();
    }

    private static void append(StringBuilder text, Object value) {
        if (value == null) {
            text.append("\\N");
        } else if (value instanceof Boolean flag) {
            text.append(flag ? 't' : 'f');
        } else {
            escape(text, value.toString());
        }
    }

    /** Backslash, tab, newline and carriage return would otherwise end or garble the field. */
    private static void escape(StringBuilder text, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
    }
}
