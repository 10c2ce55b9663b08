package io.entrasync.web;

import io.entrasync.directory.CsvImport;
import io.entrasync.directory.HelpdeskSettings;
import io.entrasync.directory.ImportReport;
import io.entrasync.directory.SettingsService;
import io.entrasync.problem.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import java.io.InputStream;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** CSV import, and the settings inbound email uses (inbound email itself: {@link InboundEmailController}). */
@RestController
class IntakeController {

    /** Body and answer of {@code /api/settings}. */
    record SettingsView(Boolean autoCreateUsersFromEmail, Long defaultSiteId) {
        static SettingsView of(HelpdeskSettings s) {
            return new SettingsView(s.isAutoCreateUsersFromEmail(), s.getDefaultSiteId());
        }
    }

    private final CsvImport csvImport;
    private final SettingsService settings;

    IntakeController(CsvImport csvImport, SettingsService settings) {
        this.csvImport = csvImport;
        this.settings = settings;
    }

    @Operation(operationId = "importUsers", summary = "Import users from CSV", tags = "Import",
            description = "Bulk upsert by email; answers the counts, the rejected lines with their errors, flagged "
            + "cells and demoted main users. A bad line is rejected alone, never the whole file.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "The CSV file, header line first.",
            required = true, content = @Content(mediaType = "text/csv", schema = @Schema(type = "string")))
    @PostMapping(value = "/api/import", consumes = {"text/csv", "text/plain", "application/csv"})
    ImportReport importCsv(InputStream body,
                           @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType) {
        return csvImport.importCsv(body, contentType);
    }

    @Operation(operationId = "getSettings", summary = "Get settings", tags = "Settings",
            description = "Whether unknown senders get accounts, and the default site for mail of unknown domains.")
    @GetMapping("/api/settings")
    SettingsView settings() {
        return SettingsView.of(settings.current());
    }

    @Operation(operationId = "updateSettings", summary = "Change settings", tags = "Settings",
            description = "Replaces the settings; autoCreateUsersFromEmail is required, defaultSiteId must name a "
            + "site.")
    @PutMapping("/api/settings")
    SettingsView change(@RequestBody SettingsView body) {
        if (body.autoCreateUsersFromEmail() == null) {
            throw new InvalidInputException("autoCreateUsersFromEmail", "autoCreateUsersFromEmail is required");
        }
        return SettingsView.of(settings.change(body.autoCreateUsersFromEmail(), body.defaultSiteId()));
    }
}
