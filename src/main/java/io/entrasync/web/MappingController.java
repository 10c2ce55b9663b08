package io.entrasync.web;

import io.entrasync.mapping.MappingError;
import io.entrasync.mapping.MappingRegistry;
import io.entrasync.mapping.TenantMappingStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/mappings/validate}: checks a mapping file sent as the body and applies nothing. Answers 200
 * with {@code valid} true or false, the errors, and warnings (a loaded file of another tenant key reads the same
 * directory); 415 / 413 problem details for a wrong content type or an oversized body.
 */
@Tag(name = "Mappings")
@RestController
class MappingController {

    static final int MAX_BODY_CHARS = 1_000_000;
    private static final Set<String> YAML_TYPES =
            Set.of("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/plain");

    private final MappingRegistry registry;

    MappingController(MappingRegistry registry) {
        this.registry = registry;
    }

    /**
     * The answer: whether the file is valid, the tenant key it names (null when unreadable), its errors, and
     * warnings that do not make it invalid on its own.
     */
    record Validation(boolean valid, String tenant, List<MappingError> errors, List<MappingError> warnings) { }

    @Operation(operationId = "validateMapping", summary = "Validate a mapping file",
            description = "Checks a mapping file (YAML body) without applying it: valid, its tenant key, errors by line"
            + " and column, and warnings such as another tenant key reading the same directory.")
    @ApiResponse(responseCode = "200", description = "The check's result, valid or not.",
            content = @Content(schema = @Schema(implementation = Validation.class)))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "The mapping file.", required = true,
            content = @Content(mediaType = "application/yaml", schema = @Schema(type = "string")))
    @PostMapping("/api/mappings/validate")
    ResponseEntity<?> validate(@RequestBody(required = false) String body,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestParam(name = "file", defaultValue = "request.yaml") String file) {
        String type = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (!YAML_TYPES.contains(type)) {
            return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type",
                    "send the mapping file as application/yaml, application/x-yaml or text/plain, not '" + type + "'");
        }
        if (body != null && body.length() > MAX_BODY_CHARS) {
            return problem(HttpStatus.CONTENT_TOO_LARGE, "body",
                    "a mapping file may have at most " + MAX_BODY_CHARS + " characters");
        }
        String name = file.length() > 200 ? file.substring(0, 200) : file;
        MappingRegistry.Checked checked = registry.check(name, body);
        TenantMappingStatus status = checked.status();
        return ResponseEntity.ok(new Validation(status.valid(), status.tenant(), status.errors(), checked.warnings()));
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String field, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty("field", field);
        return ResponseEntity.status(status).body(problem);
    }
}
