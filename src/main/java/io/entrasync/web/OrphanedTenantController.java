package io.entrasync.web;

import io.entrasync.sync.OrphanedTenants;
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
@RestController
class OrphanedTenantController {

    private final OrphanedTenants orphans;

    OrphanedTenantController(OrphanedTenants orphans) {
        this.orphans = orphans;
    }

    @GetMapping("/api/tenants/orphaned")
    List<OrphanedTenants.Orphan> orphaned() {
        return orphans.list();
    }

    @PostMapping("/api/tenants/orphaned/{tenant}/release")
    OrphanedTenants.Released release(@PathVariable String tenant) {
        return orphans.release(tenant);
    }
}
