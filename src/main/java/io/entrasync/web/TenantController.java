package io.entrasync.web;

import io.entrasync.problem.Paging;
import io.entrasync.fleet.TenantState;
import io.entrasync.problem.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The tenants configured by mapping files, valid or not: the fleet view. */
@Tag(name = "Tenants")
@RestController
class TenantController {

    /**
     * A page of {@code GET /api/tenants}, shaped as {@code GET /api/users} answers ({@code content}, {@code page}),
     * with {@code summary}: the number of tenants in each state over the whole fleet, whatever the filter
     * ({@code total}, {@code needs-attention}, and one count per state; a tenant counts in every state that applies).
     */
    record TenantPage(List<TenantView> content, PageInfo page, Map<String, Long> summary) {
    }

    record PageInfo(int size, int number, long totalElements, long totalPages) {
    }

    private final TenantFleet fleet;

    TenantController(TenantFleet fleet) {
        this.fleet = fleet;
    }

    /**
     * The mapping files, filtered by {@code state} (a {@link TenantState} key, or {@code needs-attention} for any but
     * {@code ok}) and {@code q} (a substring of tenant key, tenantId or file name), sorted by {@code sort}
     * ({@code tenant}, {@code state}, {@code lastRun}, {@code lastSuccess} or {@code nextFire}, optionally
     * {@code ,desc}; default tenant key, files without a readable key last), paged (page from 0, size ≤ 500).
     */
    @Operation(operationId = "listTenants", summary = "List tenants (the fleet)",
            description = "Every mapping file's tenant, paged like the user list: validity and errors, schedules, last "
            + "run, hold and change-notification state, and its state (ok, held, failing, invalid, "
            + "notifications-broken, never-synced, stale); filter by state (or needs-attention) and q, sort, page. "
            + "summary counts the tenants in each state over the whole fleet.")
    @GetMapping("/api/tenants")
    TenantPage tenants(@RequestParam(required = false) String state, @RequestParam(required = false) String q,
                       @RequestParam(required = false) String sort, @RequestParam(defaultValue = "0") int page,
                       @RequestParam(defaultValue = "50") int size) {
        Paging.page(page, Paging.size("size", size, Paging.MAX_SIZE));
        var filter = TenantFleet.inState(state).and(TenantFleet.matching(q));
        var order = TenantFleet.order(sort);
        TenantFleet.Fleet all = fleet.read();
        List<TenantFleet.Entry> found = all.entries().stream().filter(filter).sorted(order).toList();
        long from = Math.min((long) page * size, found.size());
        List<TenantFleet.Entry> shown = found.subList((int) from, (int) Math.min(from + size, found.size()));
        Map<String, Long> summary = new LinkedHashMap<>();
        summary.put("total", (long) all.entries().size());
        summary.put("needs-attention", all.needsAttention());
        all.counts().forEach((s, count) -> summary.put(s.key(), count));
        return new TenantPage(fleet.views(shown), new PageInfo(size, page, found.size(),
                (found.size() + size - 1) / size), summary);
    }

    /** One tenant; 404 problem detail naming {@code tenant} when no file claims the key. */
    @Operation(operationId = "getTenant", summary = "Get a tenant",
            description = "One tenant, as in the list. 404 when no mapping file claims the key.")
    @GetMapping("/api/tenants/{tenant}")
    TenantView tenant(@PathVariable String tenant) {
        TenantFleet.Entry entry = fleet.read(tenant).orElseThrow(
                () -> new NotFoundException("tenant", "no mapping file configures tenant '" + tenant + "'"));
        return fleet.views(List.of(entry)).get(0);
    }
}
