package io.entrasync.web;

import io.entrasync.auth.Caller;
import io.entrasync.sync.HoldDecision;
import io.entrasync.sync.HoldDecisions;
import io.entrasync.sync.TenantHold;
import io.entrasync.sync.TenantHoldDecisions;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An admin's decisions on a held tenant: approve or reject a blocked run's plan, release the hold. Each is made by
 * the caller of the request, recorded with it.
 */
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
    @PostMapping("/api/sync-runs/{runId}/reject")
    HoldView reject(@PathVariable("runId") long id) {
        TenantHold hold = decisions.reject(id, caller());
        return HoldView.of(hold, decisions.requiredApprovers(hold.tenant()), log.ofHold(hold));
    }

    /** Ends the hold without applying anything: the next run is judged by the deletion guard again. */
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
