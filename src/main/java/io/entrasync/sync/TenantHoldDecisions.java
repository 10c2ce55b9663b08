package io.entrasync.sync;

import io.entrasync.problem.ConflictException;
import io.entrasync.problem.NotFoundException;
import io.entrasync.mapping.MappingRegistry;
import io.entrasync.mapping.TenantMapping;
import io.entrasync.mapping.TenantMappingStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * An admin's decisions on a held tenant: approve a plan of its hold (an APPROVAL run re-plans against current data
 * and applies exactly the reviewed plan's deactivations that are still planned; any other deactivation only within
 * the tenant's usual limits), reject it (the tenant stays held until its mapping changes or an admin releases it) or
 * release the hold (the next run is judged by the deletion guard again). No decision expires because time passed or
 * later runs happened; a plan made under an earlier version of the mapping can no longer be approved. While a run of
 * the tenant is running, reject and release answer 409 (that run would record its plan on the hold as it found it).
 */
@Service
public class TenantHoldDecisions {

    private static final Logger log = LoggerFactory.getLogger(TenantHoldDecisions.class);

    private final SyncRuns runs;
    private final TenantHolds holds;
    private final SyncLauncher launcher;
    private final MappingRegistry mappings;

    TenantHoldDecisions(SyncRuns runs, TenantHolds holds, SyncLauncher launcher, MappingRegistry mappings) {
        this.runs = runs;
        this.holds = holds;
        this.launcher = launcher;
        this.mappings = mappings;
    }

    /**
     * Queues the approval of a BLOCKED run of the tenant's current hold, made under the current mapping; 409 naming
     * what stands in the way.
     */
    public SyncRun approve(long runId) {
        SyncRun blocked = runs.get(runId);
        TenantHold hold = holdOf(blocked, "approved");
        if (hold.state() == TenantHold.State.REJECTED) {
            throw new ConflictException("runId", "the hold of tenant '" + hold.tenant() + "' was rejected at "
                    + hold.rejectedAt() + "; change the mapping file or release the hold (POST /api/tenants/"
                    + hold.tenant() + "/hold/release), then let the next run plan again");
        }
        refuseOtherMapping(blocked, hold);
        // a hold that saw a full read is approved by a full read, so the removals only a full enumeration finds are
        // part of what the approval applies
        SyncMode mode = hold.fullRead() ? SyncMode.FULL : blocked.getMode();
        SyncRun approval = launcher.launchApproval(blocked, mode);
        log.info("sync run {} of tenant '{}' approved (its plan deactivates {} accounts; the approval applies those "
                + "still planned, anything else only within the usual limits): approval run {}", runId, hold.tenant(),
                blocked.counts().deactivated(), approval.getId());
        return approval;
    }

    /**
     * A plan made under another version of the mapping file than the current one is not what an approval run would
     * apply (it re-plans under the current mapping): 409 saying which plan to approve instead.
     */
    private void refuseOtherMapping(SyncRun blocked, TenantHold hold) {
        String current = mappings.current(hold.tenant()).flatMap(TenantMappingStatus::validMapping)
                .map(TenantMapping::contentHash).orElse(null);
        if (current == null || current.equals(blocked.getMappingHash())) {
            return;
        }
        String instead = current.equals(hold.mappingHash()) && hold.latestRunId() != blocked.getId()
                ? "approve the newest plan, run " + hold.latestRunId() + ", made under the current mapping"
                : "the next run re-plans under the current mapping (start one: POST /api/tenants/" + hold.tenant()
                        + "/sync): within the limits it ends the hold, above them its plan is the one to approve";
        throw new ConflictException("runId", "sync run " + blocked.getId() + " planned under an earlier version of the "
                + "mapping file of tenant '" + hold.tenant() + "'; the mapping has changed since, so its plan is not "
                + "what an approval would apply: " + instead);
    }

    /** Rejects the plan of a BLOCKED run of the tenant's current hold: the tenant stays held. */
    public TenantHold reject(long runId) {
        SyncRun blocked = runs.get(runId);
        TenantHold hold = holdOf(blocked, "rejected");
        refuseWhileRunning(hold.tenant(), "rejected");
        if (!holds.reject(hold.tenant(), runId)) {
            throw new ConflictException("runId", "the hold of tenant '" + hold.tenant() + "' ended or changed while "
                    + "rejecting run " + runId + "; reload and decide on its current plan");
        }
        log.info("sync run {} of tenant '{}' rejected: the tenant stays held until its mapping changes or an admin "
                + "releases it", runId, hold.tenant());
        return holds.current(hold.tenant()).orElseThrow(() -> new ConflictException("runId", "the hold of tenant '"
                + hold.tenant() + "' ended meanwhile"));
    }

    /** Ends the tenant's hold without applying anything; 404 for an unknown tenant, 409 when it is not held. */
    public void release(String tenant) {
        refuseWhileRunning(tenant, "released");
        if (!holds.releaseNow(tenant)) {
            if (mappings.current(tenant).isEmpty()) {
                throw new NotFoundException("tenant", "tenant '" + tenant + "' has no mapping file");
            }
            throw new ConflictException("tenant", "tenant '" + tenant + "' is not held");
        }
        log.info("the hold of tenant '{}' was released by an admin; its next run is judged by the deletion guard", tenant);
    }

    /**
     * A running run of the tenant read the hold as it was when it began to conclude and records its plan on it when
     * it ends: a decision made meanwhile would be overtaken by that run, so it answers 409 until the run has ended.
     * (A run that ends after a release anyway never re-creates the released hold: see {@link TenantHolds#blocked}.)
     */
    private void refuseWhileRunning(String tenant, String decision) {
        runs.lockHolder(tenant).filter(run -> run.getStatus() == RunStatus.RUNNING).ifPresent(run -> {
            throw new ConflictException("tenant", "sync run " + run.getId() + " of tenant '" + tenant + "' is running; "
                    + "the hold cannot be " + decision + " until it has ended (GET /api/sync-runs/" + run.getId()
                    + "), because that run records its plan on the hold as it found it. Try again when it has ended");
        });
    }

    private TenantHold holdOf(SyncRun blocked, String decision) {
        long id = blocked.getId();
        if (blocked.getStatus() != RunStatus.BLOCKED) {
            throw new ConflictException("runId", "sync run " + id + " is " + blocked.getStatus() + "; only a BLOCKED "
                    + "run can be " + decision);
        }
        TenantHold hold = holds.current(blocked.getTenant()).orElseThrow(() -> new ConflictException("runId",
                "tenant '" + blocked.getTenant() + "' is no longer held (the hold run " + id + " belonged to has "
                        + "ended); start a new run instead"));
        if (!hold.covers(id)) {
            throw new ConflictException("runId", "sync run " + id + " belongs to an earlier hold of tenant '"
                    + hold.tenant() + "' that has ended; the current hold's newest plan is run " + hold.latestRunId());
        }
        return hold;
    }
}
