package io.entrasync.web;

import io.entrasync.sync.TenantHoldDecisions;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** An admin's decisions on a held tenant: approve or reject a blocked run's plan, release the hold. */
@RestController
class HoldController {

    private final TenantHoldDecisions decisions;

    HoldController(TenantHoldDecisions decisions) {
        this.decisions = decisions;
    }

    /** 202 + Location of the APPROVAL run, which re-plans and applies the newest plan. */
    @PostMapping("/api/sync-runs/{runId}/approve")
    ResponseEntity<RunView> approve(@PathVariable("runId") long id) {
        return SyncController.accepted(decisions.approve(id));
    }

    /** The tenant stays held (and every run applies nothing) until its mapping changes or an admin releases it. */
    @PostMapping("/api/sync-runs/{runId}/reject")
    HoldView reject(@PathVariable("runId") long id) {
        return HoldView.of(decisions.reject(id));
    }

    /** Ends the hold without applying anything: the next run is judged by the deletion guard again. */
    @PostMapping("/api/tenants/{tenant}/hold/release")
    ResponseEntity<Void> release(@PathVariable String tenant) {
        decisions.release(tenant);
        return ResponseEntity.noContent().build();
    }
}
