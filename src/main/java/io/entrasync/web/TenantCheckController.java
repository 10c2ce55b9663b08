package io.entrasync.web;

import io.entrasync.graph.ConnectionCheck;
import io.entrasync.mapping.MappingRegistry;
import io.entrasync.mapping.TenantMapping;
import io.entrasync.mapping.TenantMappingStatus;
import io.entrasync.problem.NotFoundException;
import io.entrasync.problem.UnprocessableException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/tenants/{tenant}/check}: tests a tenant's app registration before (or between) syncs and changes
 * nothing. 200 with one line per check ({@code ok} / {@code failed} / {@code skipped}, what was found, the fix);
 * 404 for an unknown tenant, 422 while its mapping file has errors (the check needs a valid mapping).
 */
@Tag(name = "Tenants")
@RestController
class TenantCheckController {

    private final MappingRegistry registry;
    private final ConnectionCheck check;

    TenantCheckController(MappingRegistry registry, ConnectionCheck check) {
        this.registry = registry;
        this.check = check;
    }

    @Operation(operationId = "checkTenant", summary = "Test the connection",
            description = "Changes nothing: requests a token, reads a user, a group and every group the mapping names, "
            + "and says per check what failed and how to fix it. 404 for an unknown tenant, 422 for a broken mapping.")
    @PostMapping("/api/tenants/{tenant}/check")
    ConnectionCheck.Report check(@PathVariable String tenant) {
        TenantMappingStatus status = registry.all().stream().filter(s -> tenant.equals(s.tenant())).findFirst()
                .orElseThrow(() -> new NotFoundException("tenant", "no mapping file configures tenant '" + tenant + "'"));
        TenantMapping mapping = status.validMapping().orElseThrow(() -> new UnprocessableException("tenant",
                "the mapping file " + status.file() + " of tenant '" + tenant + "' has errors; fix them first (GET "
                        + "/api/tenants/" + tenant + " lists them)"));
        return check.report(mapping.connection(), mapping.namedGroups());
    }
}
