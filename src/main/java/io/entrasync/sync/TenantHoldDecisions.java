package io.entrasync.sync;

import io.entrasync.problem.ConflictException;
import io.entrasync.problem.NotFoundException;
import io.entrasync.mapping.MappingRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * An admin's decisions on a held tenant: approve its newest plan (an APPROVAL run re-plans against current data and
 * applies up to the approved deactivations plus a margin), reject it (the tenant stays held until its mapping
 * changes or an admin releases it) or release the hold (the next run is judged by the deletion guard again). No
 * decision expires because time passed or later runs happened: every run of a held tenant is a run of its hold.
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

    /** Queues the approval of a BLOCKED run of the tenant's current hold; 409 naming what stands in the way. */
    public SyncRun approve(long runId) {
        SyncRun blocked = runs.get(runId);
        TenantHold hold = holdOf(blocked, "approved");
        if (hold.state() == TenantHold.State.REJECTED) {
            throw new ConflictException("runId", "the hold of tenant '" + hold.tenant() + "' was rejected at "
                    + hold.rejectedAt() + "; change the mapping file or release the hold (POST /api/tenants/"
                    + hold.tenant() + "/hold/release), then let the next run plan again");
        }
        // a hold that saw a full read is approved by a full read, so the removals only a full enumeration finds are
        // part of what the approval applies
        SyncMode mode = hold.fullRead() ? SyncMode.FULL : blocked.getMode();
        SyncRun approval = launcher.launchApproval(blocked, mode);
        log.info("sync run {} of tenant '{}' approved (planned {} deactivations, the approval allows {}): approval run {}",
                runId, hold.tenant(), blocked.counts().deactivated(),
                TenantHold.approvalAllows((int) blocked.counts().deactivated()), approval.getId());
        return approval;
    }

    /** Rejects the plan of a BLOCKED run of the tenant's current hold: the tenant stays held. */
    public TenantHold reject(long runId) {
        SyncRun blocked = runs.get(runId);
        TenantHold hold = holdOf(blocked, "rejected");
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
        if (!holds.releaseNow(tenant)) {
            if (mappings.current(tenant).isEmpty()) {
                throw new NotFoundException("tenant", "tenant '" + tenant + "' has no mapping file");
            }
            throw new ConflictException("tenant", "tenant '" + tenant + "' is not held");
        }
        log.info("the hold of tenant '{}' was released by an admin; its next run is judged by the deletion guard", tenant);
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
