package io.entrasync.connect;

import io.entrasync.auth.Caller;
import io.entrasync.problem.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Connecting a customer tenant: start (the admin-consent URL), the outcome, and the group picker. The callback
 * itself is {@link ConsentCallbackController}.
 */
@Tag(name = "Tenants")
@RestController
class ConnectController {

    /** The problem type of "no MSP app is configured". */
    static final URI MSP_APP_MISSING = URI.create("/problems/msp-app-missing");

    private final ConnectService connect;
    private final ConnectGroups groups;
    private final ConnectTime time;
    private final ConnectProperties properties;

    ConnectController(ConnectService connect, ConnectGroups groups, ConnectTime time, ConnectProperties properties) {
        this.connect = connect;
        this.groups = groups;
        this.time = time;
        this.properties = properties;
    }

    /** The body of {@code POST /api/tenants/connect}; {@code template} defaults to {@code _msp-default}. */
    record Start(String tenant, String template) {
    }

    @Operation(operationId = "connectTenant", summary = "Connect a customer tenant",
            description = "Starts a connection: answers the admin-consent URL of the MSP app for the admin to open, "
                    + "with its single-use state (valid 15 minutes). Microsoft sends the admin back to "
                    + "/connect/callback, which proves the consent, checks the connection and writes "
                    + "mappings/<tenant>.yaml from the template. 400 for a bad tenant key or template, 409 when the "
                    + "tenant has a file already or no MSP app is configured (type /problems/msp-app-missing).")
    @PostMapping("/api/tenants/connect")
    ResponseEntity<ConnectService.Started> start(@RequestBody Start body) {
        String base = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
        ConnectService.Started started = connect.start(body.tenant(), body.template(),
                Caller.current().orElseThrow(() -> new IllegalStateException("an API call without a caller")), base);
        return ResponseEntity.created(URI.create("/api/tenants/connect/" + started.id())).body(started);
    }

    @Operation(operationId = "getTenantConnection", summary = "Outcome of a connection",
            description = "waiting, connected, refused or failed (expired: still waiting when its state expired, start "
                    + "again); with the organization, the connection check, the "
                    + "tenant file (written, or its text to commit when the mappings directory is read-only) and the "
                    + "error. 404 for an unknown id.")
    @GetMapping("/api/tenants/connect/{id}")
    ConnectOutcome outcome(@PathVariable String id) {
        return ConnectOutcome.of(connect.request(id), time.now(), properties.consentWait());
    }

    @Operation(operationId = "searchTenantConnectionGroups", summary = "Search the groups of a connected tenant",
            description = "Groups whose display name starts with q (at most 25), read with the MSP app. 409 unless "
                    + "the connection is connected.")
    @GetMapping("/api/tenants/connect/{id}/groups")
    ConnectGroups.Found searchGroups(@PathVariable String id, @RequestParam(name = "q", required = false) String q) {
        return groups.search(id, q);
    }

    @Operation(operationId = "pickTenantConnectionGroups", summary = "Pick scope and site groups",
            description = "Rewrites the generated tenant file: the scope's groups, and site rules (group → site) "
                    + "followed by the template's own site rules. Writes it when the mappings directory takes it; "
                    + "answers the outcome. 400 for an empty scope or a rule without group or site, 409 unless "
                    + "connected or when the tenant's file is not the one the connection wrote (edited by hand: left "
                    + "alone).")
    @PutMapping("/api/tenants/connect/{id}/groups")
    ConnectOutcome pickGroups(@PathVariable String id, @RequestBody ConnectGroups.Picked body) {
        return groups.pick(id, body);
    }

    @ExceptionHandler(ConnectService.MspAppMissingException.class)
    ProblemDetail mspAppMissing(ConnectService.MspAppMissingException e) {
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, e.getMessage(), e.field());
        problem.setType(MSP_APP_MISSING);
        problem.setTitle("No MSP app");
        return problem;
    }
}
