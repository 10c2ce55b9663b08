package io.entrasync.web;

import io.entrasync.sync.OrphanedTenants;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Accounts of tenants that no mapping file claims any more: {@code GET /api/tenants/orphaned} lists them,
 * {@code POST /api/tenants/orphaned/{tenant}/release} turns them into manual accounts. The literal segment wins
 * over {@code /api/tenants/{tenant}} (Spring prefers the pattern with fewer variables), and the tenant key
 * {@code orphaned} is refused in mapping files, so the two never meet.
 */
@Tag(name = "Tenants")
@RestController
class OrphanedTenantController {

    private final OrphanedTenants orphans;

    OrphanedTenantController(OrphanedTenants orphans) {
        this.orphans = orphans;
    }

    @Operation(operationId = "listOrphanedTenants", summary = "List orphaned tenants",
            description = "Tenant keys that own accounts but have no mapping file, with their account and site counts.")
    @GetMapping("/api/tenants/orphaned")
    List<OrphanedTenants.Orphan> orphaned() {
        return orphans.list();
    }

    @Operation(operationId = "releaseOrphanedTenant", summary = "Release an orphaned tenant",
            description = "Makes its accounts manual STRONG accounts, recorded as a RELEASE run; reversible when the "
            + "mapping file comes back. 409 while a mapping file claims the tenant, a file cannot be read, or a run of "
            + "it is active; 404 no accounts.")
    @PostMapping("/api/tenants/orphaned/{tenant}/release")
    OrphanedTenants.Released release(@PathVariable String tenant) {
        return orphans.release(tenant);
    }
}
