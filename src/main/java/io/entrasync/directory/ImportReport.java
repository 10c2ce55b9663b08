package io.entrasync.directory;

import java.util.List;

/**
 * The answer to a CSV import.
 *
 * @param rejected      the first {@link CsvImport#MAX_REPORTED_REJECTIONS} rejected rows with their line and reason
 * @param rejectedCount every rejected row, also those not listed
 * @param complete      false when the file could not be read to its end (malformed CSV); rows before the
 *                      reported line were applied
 * @param encoding      the charset the file was read with and how it was chosen, e.g. "UTF-8 (BOM)",
 *                      "windows-1252 (detected: not valid UTF-8)", "ISO-8859-1 (from Content-Type)"
 * @param delimiter     the cell separator detected in the header line, ";" or ","
 * @param flagged       cells that begin like a spreadsheet formula ({@code = + - @}): stored as given, listed here
 *                      so an admin can check them; nothing the service exports evaluates them
 * @param flaggedCount  every flagged cell, also those not listed
 * @param demoted       users who stopped being their site's main user because of a row ({@code mainSiteUser}: another
 *                      user made main, or the flag cleared), with the row's line; the first
 *                      {@link CsvImport#MAX_REPORTED_REJECTIONS}
 */
public record ImportReport(int created, int updated, int unchanged, int sitesCreated, int departmentsCreated,
                           List<Rejection> rejected, int rejectedCount, boolean complete, String encoding,
                           String delimiter, List<Flag> flagged, int flaggedCount, List<Demotion> demoted) {

    /** A user who lost the main site user flag because of the row on {@code line}. */
    public record Demotion(long line, DemotedUser user) {
    }

    /** One row that was not applied. */
    public record Rejection(long line, String error) {
    }

    /** A cell that looks like a formula: its line, column and why it was flagged. */
    public record Flag(long line, String column, String warning) {
    }
}
