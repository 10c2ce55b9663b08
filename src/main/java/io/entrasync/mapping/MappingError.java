package io.entrasync.mapping;

/**
 * One problem in a mapping file, located precisely enough for an admin to fix it.
 *
 * @param file    the file as the service names it ({@code mappings/contoso.yaml}, or the name given to validate)
 * @param line    1-based line
 * @param column  1-based column
 * @param key     dotted path of the offending key ({@code sites[2].group}), empty for the whole document
 * @param message what was expected and what was found
 */
public record MappingError(String file, int line, int column, String key, String message) {

    /** {@code file:line:column: key: message}, the form used in logs. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + (key.isEmpty() ? "" : key + ": ") + message;
    }
}
