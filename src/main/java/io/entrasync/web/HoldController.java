package io.entrasync.web;

import io.entrasync.sync.TenantHoldDecisions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** An admin's decisions on a held tenant: approve or reject a blocked run's plan, release the hold. */
@Tag(name = "Runs and holds")
@RestController
class HoldController {

    private final TenantHoldDecisions decisions;

    HoldController(TenantHoldDecisions decisions) {
        this.decisions = decisions;
    }

    /** 202 + Location of the APPROVAL run, which re-plans and applies the newest plan. */
    @Operation(operationId = "approveRun", summary = "Approve a held plan",
            description = "Approves a BLOCKED run: 202 with the APPROVAL run, which applies the deactivations that plan"
            + " listed. 409 when the run is not BLOCKED, its hold ended or was rejected, or the mapping changed since "
            + "the plan.")
    @ApiResponse(responseCode = "202", description = "Approved; Location names the APPROVAL run.",
            useReturnTypeSchema = true)
    @PostMapping("/api/sync-runs/{runId}/approve")
    ResponseEntity<RunView> approve(@PathVariable("runId") long id) {
        return SyncController.accepted(decisions.approve(id));
    }

    /** The tenant stays held (and every run applies nothing) until its mapping changes or an admin releases it. */
    @Operation(operationId = "rejectRun", summary = "Reject a held plan",
            description = "Rejects a BLOCKED run's plan: the tenant stays held until its mapping changes or the hold is"
            + " released. 409 while a run of the tenant is running.")
    @PostMapping("/api/sync-runs/{runId}/reject")
    HoldView reject(@PathVariable("runId") long id) {
        return HoldView.of(decisions.reject(id));
    }

    /** Ends the hold without applying anything: the next run is judged by the deletion guard again. */
    @Operation(operationId = "releaseHold", summary = "Release a tenant's hold",
            description = "Ends the hold without applying anything (204); the next run is judged by the deletion guard "
            + "again. 409 when the tenant is not held or a run of it is running.")
    @ApiResponse(responseCode = "204", description = "Released.")
    @PostMapping("/api/tenants/{tenant}/hold/release")
    ResponseEntity<Void> release(@PathVariable String tenant) {
        decisions.release(tenant);
        return ResponseEntity.noContent().build();
    }
}
