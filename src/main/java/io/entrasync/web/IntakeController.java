package io.entrasync.web;

import io.entrasync.directory.CsvImport;
import io.entrasync.directory.EmailIntake;
import io.entrasync.directory.HelpdeskSettings;
import io.entrasync.directory.ImportReport;
import io.entrasync.directory.SettingsService;
import io.entrasync.problem.InvalidInputException;
import java.io.InputStream;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** The ways accounts arrive outside a directory sync: inbound email and CSV import; and the settings they use. */
@RestController
class IntakeController {

    /**
     * Body of {@code POST /api/inbound-email}; {@code headers} (optional) are the message's headers, e.g.
     * {@code {"Auto-Submitted": "auto-replied"}}, read to recognise auto-replies.
     */
    record InboundEmail(String from, String subject, String body, Map<String, String> headers) {
    }

    /** Body and answer of {@code /api/settings}. */
    record SettingsView(Boolean autoCreateUsersFromEmail, Long defaultSiteId) {
        static SettingsView of(HelpdeskSettings s) {
            return new SettingsView(s.isAutoCreateUsersFromEmail(), s.getDefaultSiteId());
        }
    }

    private final EmailIntake intake;
    private final CsvImport csvImport;
    private final SettingsService settings;

    IntakeController(EmailIntake intake, CsvImport csvImport, SettingsService settings) {
        this.intake = intake;
        this.csvImport = csvImport;
        this.settings = settings;
    }

    @PostMapping("/api/inbound-email")
    EmailIntake.Outcome inbound(@RequestBody InboundEmail email) {
        return intake.receive(email.from(), email.subject(), email.body(),
                email.headers() == null ? Map.of() : email.headers());
    }

    @PostMapping(value = "/api/import", consumes = {"text/csv", "text/plain", "application/csv"})
    ImportReport importCsv(InputStream body,
                           @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType) {
        return csvImport.importCsv(body, contentType);
    }

    @GetMapping("/api/settings")
    SettingsView settings() {
        return SettingsView.of(settings.current());
    }

    @PutMapping("/api/settings")
    SettingsView change(@RequestBody SettingsView body) {
        if (body.autoCreateUsersFromEmail() == null) {
            throw new InvalidInputException("autoCreateUsersFromEmail", "autoCreateUsersFromEmail is required");
        }
        return SettingsView.of(settings.change(body.autoCreateUsersFromEmail(), body.defaultSiteId()));
    }
}
