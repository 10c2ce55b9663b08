package io.entrasync.web;

import io.entrasync.auth.Caller;
import io.entrasync.sync.HoldDecision;
import io.entrasync.sync.HoldDecisions;
import io.entrasync.sync.TenantHold;
import io.entrasync.sync.TenantHoldDecisions;
import java.net.URI;
import java.util.List;
import java.util.Map;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An admin's decisions on a held tenant: approve or reject a blocked run's plan, release the hold. Each is made by
 * the caller of the request, recorded with it.
 */
@Tag(name = "Runs and holds")
@RestController
class HoldController {

    private final TenantHoldDecisions decisions;
    private final HoldDecisions log;

    HoldController(TenantHoldDecisions decisions, HoldDecisions log) {
        this.decisions = decisions;
        this.log = log;
    }

    /**
     * An approval still waiting for more approvers (the mapping's {@code safety.approvers}): nothing was queued.
     *
     * @param message    e.g. "1 of 2 approvals, waiting for another approver"
     * @param approvedBy the plan's approvals so far, oldest first
     */
    record WaitingApproval(long runId, boolean waiting, int approvals, int approvalsRequired, String message,
                           List<ActorView> approvedBy) {
    }

    /**
     * 202 + Location of the APPROVAL run, which re-plans and applies the reviewed plan; 200 with a
     * {@link WaitingApproval} when the plan needs more approvers than have approved it so far.
     */
    @Operation(operationId = "approveRun", summary = "Approve a held plan",
            description = "Approves a BLOCKED run: 202 with the APPROVAL run, which applies the deactivations that plan"
            + " listed (and others only within the usual limits). When the mapping asks for more approvers "
            + "(safety.approvers), an approval by a person that still waits for another answers 200 with the approvals "
            + "so far and queues nothing. 409 when the run is not BLOCKED, its hold ended or was rejected, the mapping "
            + "changed since the plan, or the same person approves twice; 403 when a non-person approves a plan that "
            + "needs people.")
    @ApiResponse(responseCode = "202", description = "Approved; Location names the APPROVAL run.")
    @ApiResponse(responseCode = "200", description = "Approval recorded, waiting for another approver.")
    @PostMapping("/api/sync-runs/{runId}/approve")
    ResponseEntity<?> approve(@PathVariable("runId") long id) {
        TenantHoldDecisions.Approval approval = decisions.approve(id, caller());
        if (approval.waiting()) {
            return ResponseEntity.ok(new WaitingApproval(id, true, approval.approvedBy().size(), approval.required(),
                    approval.message(), ActorView.all(approval.approvedBy(), HoldDecision.Kind.APPROVE)));
        }
        RunView run = RunView.of(approval.run(), Map.of(id, approval.approvedBy()));
        return ResponseEntity.accepted().location(URI.create("/api/sync-runs/" + run.id())).body(run);
    }

    /** The tenant stays held (and every run applies nothing) until its mapping changes or an admin releases it. */
    @Operation(operationId = "rejectRun", summary = "Reject a held plan",
            description = "Rejects a BLOCKED run's plan: the tenant stays held until its mapping changes or the hold is"
            + " released. 409 while a run of the tenant is running.")
    @PostMapping("/api/sync-runs/{runId}/reject")
    HoldView reject(@PathVariable("runId") long id) {
        TenantHold hold = decisions.reject(id, caller());
        return HoldView.of(hold, decisions.requiredApprovers(hold.tenant()), log.ofHold(hold));
    }

    /** Ends the hold without applying anything: the next run is judged by the deletion guard again. */
    @Operation(operationId = "releaseHold", summary = "Release a tenant's hold",
            description = "Ends the hold without applying anything (204); the next run is judged by the deletion guard "
            + "again. 409 when the tenant is not held or a run of it is running.")
    @ApiResponse(responseCode = "204", description = "Released.")
    @PostMapping("/api/tenants/{tenant}/hold/release")
    ResponseEntity<Void> release(@PathVariable String tenant) {
        decisions.release(tenant, caller());
        return ResponseEntity.noContent().build();
    }

    /** Every /api call is authenticated by the filter chain before it gets here. */
    private static Caller caller() {
        return Caller.current().orElseThrow(() -> new IllegalStateException("a hold decision without a caller"));
    }
}
