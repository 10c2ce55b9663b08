package io.entrasync.web;

import io.entrasync.mapping.MappingRegistry;
import io.entrasync.mapping.TenantMappingStatus;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code POST /api/tenants/{tenant}/check}: tests a tenant's app registration before (or between) syncs and changes
 * nothing. 200 with one line per check ({@code ok} / {@code failed} / {@code skipped}, what was found, the fix);
 * 404 for an unknown tenant, 422 while its mapping file has errors (the check needs a valid mapping).
 */
@RestController
class TenantCheckController {

    private final MappingRegistry registry;
    private final TenantCheckService service;

    TenantCheckController(MappingRegistry registry, TenantCheckService service) {
        this.registry = registry;
        this.service = service;
    }

    @PostMapping("/api/tenants/{tenant}/check")
    ResponseEntity<?> check(@PathVariable String tenant) {
        Optional<TenantMappingStatus> status = registry.all().stream().filter(s -> tenant.equals(s.tenant())).findFirst();
        if (status.isEmpty()) {
            return problem(HttpStatus.NOT_FOUND, "Unknown tenant", "no mapping file configures tenant '" + tenant + "'",
                    tenant);
        }
        return status.get().validMapping().<ResponseEntity<?>>map(m -> ResponseEntity.ok(service.check(m)))
                .orElseGet(() -> problem(HttpStatus.UNPROCESSABLE_ENTITY, "Invalid mapping", "the mapping file "
                        + status.get().file() + " of tenant '" + tenant + "' has errors; fix them first (GET "
                        + "/api/tenants/" + tenant + " lists them)", tenant));
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail, String tenant) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setProperty("field", "tenant");
        // encoded: a key with a space or quote must not turn the answer into a URISyntaxException
        problem.setInstance(UriComponentsBuilder.fromPath("/api/tenants/{tenant}/check").buildAndExpand(tenant)
                .encode().toUri());
        return ResponseEntity.status(status).body(problem);
    }
}
