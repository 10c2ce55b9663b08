package io.entrasync.directory;

import io.entrasync.problem.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bulk import of sites and users from CSV ({@code site,firstName,lastName,email,phone,mobilePhone,department,
 * jobTitle,mainSiteUser}, or their German, French and Italian names: {@link CsvHeaders}). Streams the body: rows are
 * applied in chunks, each in its own transaction, so memory stays flat whatever the file size (but for the set of
 * addresses seen, see {@link RepeatedAddresses}). Users are upserted by email; re-importing a file changes nothing.
 */
@Service
public class CsvImport {

    static final int MAX_REPORTED_REJECTIONS = 1000;
    private static final int CHUNK = 500;
    private static final Logger log = LoggerFactory.getLogger(CsvImport.class);

    private final CsvChunkWriter writer;
    private final TransactionTemplate transaction;

    CsvImport(CsvChunkWriter writer, TransactionTemplate transaction) {
        this.writer = writer;
        this.transaction = transaction;
    }

    public ImportReport importCsv(InputStream body) {
        return importCsv(body, null);
    }

    /**
     * Imports a CSV body; {@code contentType} (nullable) may name its charset, else it is detected
     * ({@link CsvDialect}). Header names are matched as {@link CsvHeaders} says.
     */
    public ImportReport importCsv(InputStream body, String contentType) {
        Tally tally = new Tally();
        CsvDialect.Opened opened;
        try {
            opened = CsvDialect.open(body, contentType);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the CSV body", e);
        }
        tally.dialect = opened.dialect();
        try (CSVParser parser = open(opened.reader(), opened.dialect().delimiter())) {
            Map<String, String> columns = CsvHeaders.resolve(parser.getHeaderNames());
            List<CsvRow> chunk = new ArrayList<>(CHUNK);
            Iterator<CSVRecord> records = parser.iterator();
            while (true) {
                CSVRecord record;
                long start = parser.getCurrentLineNumber() + 1;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                } catch (UncheckedIOException | IllegalStateException malformed) {
                    flush(chunk, tally);
                    tally.reject(start, "malformed CSV on line " + start + ": bad quoting (a quoted cell is not closed, or a quote "
                            + "stands inside a cell; write a quote inside a quoted cell as \"\"): " + rootMessage(malformed)
                            + "; the rest of the file was not read");
                    tally.complete = false;
                    break;
                }
                long line = parser.getCurrentLineNumber();
                if (record.size() != parser.getHeaderNames().size()) {
                    tally.reject(line, "expected " + parser.getHeaderNames().size() + " columns, found " + record.size());
                    continue;
                }
                String repeated = tally.addresses.repeated(record, columns, line);
                if (repeated != null) {
                    tally.reject(line, repeated);
                    continue;
                }
                try {
                    chunk.add(CsvRow.parse(record, line, columns));
                    FormulaCells.flag(record, line, columns, tally::flag);
                } catch (InvalidInputException invalid) {
                    tally.reject(line, invalid.getMessage());
                }
                if (chunk.size() == CHUNK) {
                    flush(chunk, tally);
                }
            }
            flush(chunk, tally);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the CSV body", e);
        }
        return tally.report();
    }

    private void flush(List<CsvRow> chunk, Tally tally) {
        if (chunk.isEmpty()) {
            return;
        }
        try {
            CsvChunkWriter.Result result = transaction.execute(status -> writer.write(chunk, tally.sites, tally.departments));
            tally.add(result);
        } catch (RuntimeException chunkFailed) {
            // One bad row (a constraint the validation could not see) must not cost the others: retry one by one.
            log.debug("import chunk failed ({}); applying its rows one by one", chunkFailed.getMessage());
            tally.sites.clear();
            tally.departments.clear();
            for (CsvRow row : chunk) {
                try {
                    tally.add(transaction.execute(status -> writer.write(List.of(row), tally.sites, tally.departments)));
                } catch (RuntimeException rowFailed) {
                    tally.sites.clear();
                    tally.departments.clear();
                    tally.reject(row.line(), rootMessage(rowFailed));
                }
            }
        }
        chunk.clear();
    }

    private static CSVParser open(Reader body, char delimiter) throws IOException {
        PushbackReader reader = new PushbackReader(body, 1);
        int first = reader.read();
        if (first != -1 && first != '\uFEFF') {
            reader.unread(first);
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true)
                .setTrim(true).setIgnoreEmptyLines(true).setAllowMissingColumnNames(false).get();
        try {
            return CSVParser.builder().setReader(reader).setFormat(format).get();
        } catch (IllegalArgumentException | IOException | UncheckedIOException badHeader) {
            throw new InvalidInputException("header", "line 1: " + rootMessage(badHeader));
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** Running totals of one import, plus name → id caches of the sites and departments it met. */
    private static final class Tally {
        final Map<String, Long> sites = new HashMap<>();
        final Map<String, Long> departments = new HashMap<>();
        final List<ImportReport.Rejection> rejected = new ArrayList<>();
        final List<ImportReport.Flag> flagged = new ArrayList<>();
        final List<ImportReport.Demotion> demoted = new ArrayList<>();
        final RepeatedAddresses addresses = new RepeatedAddresses();
        CsvDialect dialect;
        int flaggedCount;
        int created;
        int updated;
        int unchanged;
        int sitesCreated;
        int departmentsCreated;
        int rejectedCount;
        boolean complete = true;

        void add(CsvChunkWriter.Result result) {
            created += result.created();
            updated += result.updated();
            unchanged += result.unchanged();
            sitesCreated += result.sitesCreated();
            departmentsCreated += result.departmentsCreated();
            result.rejected().forEach(rejection -> reject(rejection.line(), rejection.error()));
            result.demoted().stream().limit(Math.max(0, MAX_REPORTED_REJECTIONS - demoted.size())).forEach(demoted::add);
        }

        void reject(long line, String error) {
            rejectedCount++;
            if (rejected.size() < MAX_REPORTED_REJECTIONS) {
                rejected.add(new ImportReport.Rejection(line, error));
            }
        }

        void flag(ImportReport.Flag flag) {
            flaggedCount++;
            if (flagged.size() < MAX_REPORTED_REJECTIONS) {
                flagged.add(flag);
            }
        }

        ImportReport report() {
            // the ownership rule refuses rows when their chunk is written, after later lines' parse errors
            rejected.sort(java.util.Comparator.comparingLong(ImportReport.Rejection::line));
            return new ImportReport(created, updated, unchanged, sitesCreated, departmentsCreated, List.copyOf(rejected),
                    rejectedCount, complete, dialect.encoding(), String.valueOf(dialect.delimiter()),
                    List.copyOf(flagged), flaggedCount, List.copyOf(demoted));
        }
    }
}
