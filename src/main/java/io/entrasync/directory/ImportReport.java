package io.entrasync.directory;

import java.util.List;

/**
 * The answer to a CSV import.
 *
 * @param rejected      the first {@link CsvImport#MAX_REPORTED_REJECTIONS} rejected rows with their line and reason
 * @param rejectedCount every rejected row, also those not listed
 * @param complete      false when the file could not be read to its end (malformed CSV); rows before the
 *                      reported line were applied
 */
public record ImportReport(int created, int updated, int unchanged, int sitesCreated, int departmentsCreated,
                           List<Rejection> rejected, int rejectedCount, boolean complete) {

    /** One row that was not applied. */
    public record Rejection(long line, String error) {
    }
}
