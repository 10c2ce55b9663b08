package io.entrasync.auth;

import io.entrasync.problem.Paging;
import io.entrasync.directory.FormulaCells;
import io.entrasync.edits.FieldChange;
import io.entrasync.problem.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.web.PagedModel;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit trail: {@code GET /api/audit} (paged, newest first, like {@code /api/users}) and its CSV export
 * ({@code Accept: text/csv} or {@code /api/audit.csv}, every matching event). The role is in {@link RouteRoles}.
 */
@Tag(name = "Audit")
@RestController
class AuditController {

    private static final int MAX_EXPORT = 100_000;
    private static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

    private final AuditTrail trail;

    AuditController(AuditTrail trail) {
        this.trail = trail;
    }

    /** The trail as JSON pages, or all of it as CSV when the caller accepts {@code text/csv}. */
    @Operation(operationId = "listAuditEvents", summary = "Search the audit trail",
            description = "Mutating calls, approval decisions, sign-ins and refused calls, newest first, paged, "
            + "filtered by actor, action, target (substrings) and from/to; CSV when the caller accepts text/csv.")
    @GetMapping("/api/audit")
    ResponseEntity<?> list(@RequestParam(required = false) String actor,
                           @RequestParam(required = false) String action,
                           @RequestParam(required = false) String target,
                           @RequestParam(required = false) String from,
                           @RequestParam(required = false) String to,
                           @RequestParam(defaultValue = "0") int page,
                           @RequestParam(defaultValue = "50") int size,
                           @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        if (accept != null && accept.toLowerCase(Locale.ROOT).contains("text/csv")) {
            return csv(actor, action, target, from, to);
        }
        AuditTrail.Query query = query(actor, action, target, from, to);
        int pageSize = Paging.size("size", size, Paging.MAX_SIZE);
        int pageNumber = Paging.page(page, pageSize);
        List<AuditTrail.Entry> content = trail.find(query, pageNumber * pageSize, pageSize);
        return ResponseEntity.ok(new PagedModel<>(new PageImpl<>(content, PageRequest.of(pageNumber, pageSize),
                trail.count(query))));
    }

    @Operation(operationId = "exportAuditEvents", summary = "Export the audit trail as CSV",
            description = "The same filters as the search, every matching event as CSV.")
    @ApiResponse(responseCode = "200", description = "Every matching event, one line each.",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = "string")))
    @GetMapping("/api/audit.csv")
    ResponseEntity<String> csv(@RequestParam(required = false) String actor,
                               @RequestParam(required = false) String action,
                               @RequestParam(required = false) String target,
                               @RequestParam(required = false) String from,
                               @RequestParam(required = false) String to) {
        List<AuditTrail.Entry> entries = trail.find(query(actor, action, target, from, to), 0, MAX_EXPORT);
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder()
                .setHeader("at", "actorKind", "actorId", "actorName", "action", "target", "status", "client", "changes")
                .get())) {
            for (AuditTrail.Entry e : entries) {
                printer.printRecord(e.at(), e.actor().kind().wire(), cell(e.actor().id()), cell(e.actor().name()),
                        cell(e.action()), cell(e.target()), e.status(), cell(e.client()), cell(changes(e.changes())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ResponseEntity.ok().contentType(CSV)
                .header("Content-Disposition", "attachment; filename=\"entra-sync-audit.csv\"")
                .body(out.toString());
    }

    /** An edit's changes in one cell: {@code jobTitle: Clerk → Boss; phone: (none) → 123}. */
    static String changes(List<FieldChange> changes) {
        return changes.stream().map(c -> c.field() + ": " + shown(c.before()) + " → " + shown(c.after()))
                .collect(Collectors.joining("; "));
    }

    private static String shown(String value) {
        return value == null ? "(none)" : value;
    }

    /** A cell a spreadsheet would run as a formula is written with a leading apostrophe (CSV injection). */
    private static String cell(String value) {
        return FormulaCells.looksLikeFormula(value) ? "'" + value : value;
    }

    private static AuditTrail.Query query(String actor, String action, String target, String from, String to) {
        return new AuditTrail.Query(actor, action, target, instant("from", from), instant("to", to));
    }

    /** An ISO-8601 instant ({@code 2026-12-06T10:00:00Z}) or a date ({@code 2026-12-06}, midnight UTC). */
    private static Instant instant(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, field + " '" + text + "' is neither an instant like "
                    + "2026-12-06T10:00:00Z nor a date like 2026-12-06");
        }
    }
}
