package io.entrasync.sync;

import io.entrasync.auth.AuditEvent;
import io.entrasync.auth.Caller;
import io.entrasync.problem.ConflictException;
import io.entrasync.problem.ForbiddenException;
import io.entrasync.problem.NotFoundException;
import io.entrasync.mapping.MappingRegistry;
import io.entrasync.mapping.TenantMapping;
import io.entrasync.mapping.TenantMappingStatus;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * An admin's decisions on a held tenant: approve a plan of its hold (an APPROVAL run re-plans against current data
 * and applies exactly the reviewed plan's deactivations that are still planned; any other deactivation only within
 * the tenant's usual limits), reject it (the tenant stays held until its mapping changes or an admin releases it) or
 * release the hold (the next run is judged by the deletion guard again). No decision expires because time passed or
 * later runs happened; a plan made under an earlier version of the mapping can no longer be approved. While a run of
 * the tenant is running, reject and release answer 409 (that run would record its plan on the hold as it found it).
 * Every decision is recorded with who made it ({@link HoldDecisions}) and published to the audit trail. A mapping may
 * ask for several approvers ({@code safety.approvers}): then a plan collects people's approvals, each person once,
 * and its approval run is queued when the last one needed approves; a newer plan starts afresh.
 */
@Service
public class TenantHoldDecisions {

    private static final Logger log = LoggerFactory.getLogger(TenantHoldDecisions.class);

    private final SyncRuns runs;
    private final TenantHolds holds;
    private final SyncLauncher launcher;
    private final MappingRegistry mappings;
    private final HoldDecisions decisions;
    private final ApplicationEventPublisher events;

    TenantHoldDecisions(SyncRuns runs, TenantHolds holds, SyncLauncher launcher, MappingRegistry mappings,
                        HoldDecisions decisions, ApplicationEventPublisher events) {
        this.runs = runs;
        this.holds = holds;
        this.launcher = launcher;
        this.mappings = mappings;
        this.decisions = decisions;
        this.events = events;
    }

    /**
     * What an approval did: queued the APPROVAL run ({@code run}), or, when the tenant's mapping asks for more
     * approvers than have approved this plan so far, recorded the approval and queued nothing ({@code run} null).
     *
     * @param approvedBy the approvals of the plan so far, oldest first (for a plan that needs several people, only
     *                   people's approvals)
     */
    public record Approval(SyncRun run, int required, List<HoldDecision> approvedBy) {

        public boolean waiting() {
            return run == null;
        }

        /** "1 of 2 approvals, waiting for another approver", or what was queued. */
        public String message() {
            if (!waiting()) {
                return "approved" + (required > 1 ? " by " + approvedBy.size() + " of " + required + " approvers" : "")
                        + ": approval run " + run.getId() + " queued";
            }
            int missing = required - approvedBy.size();
            return approvedBy.size() + " of " + required + " approvals, waiting for " + (missing == 1
                    ? "another approver" : missing + " more approvers");
        }
    }

    /**
     * Approves a BLOCKED run of the tenant's current hold, made under the current mapping, for {@code caller}; 409
     * naming what stands in the way. When the mapping asks for several approvers ({@code safety.approvers}), only
     * people count (403 for the admin token or an API key), each once (409 for a second approval by the same
     * person), and only for the hold's newest plan: the approval run is queued when the last one needed approves.
     */
    public Approval approve(long runId, Caller caller) {
        SyncRun blocked = runs.get(runId);
        TenantHold hold = holdOf(blocked, "approved");
        if (hold.state() == TenantHold.State.REJECTED) {
            throw new ConflictException("runId", "the hold of tenant '" + hold.tenant() + "' was rejected at "
                    + hold.rejectedAt() + "; change the mapping file or release the hold (POST /api/tenants/"
                    + hold.tenant() + "/hold/release), then let the next run plan again");
        }
        TenantMapping current = validMapping(hold.tenant());
        refuseOtherMapping(blocked, hold, current);
        int required = requiredApprovers(current);
        if (required > 1) {
            refuseNonPerson(hold, runId, caller, required);
        }
        boolean recorded = decisions.record(hold.tenant(), runId, HoldDecision.Kind.APPROVE, caller);
        List<HoldDecision> approvals = approvals(runId, required);
        // (a plan that has all its approvals, whose approval run failed, may be approved again by any of them)
        if (!recorded && approvals.size() < required) {
            throw new ConflictException("runId", caller.name() + " already approved the plan of run " + runId
                    + " of tenant '" + hold.tenant() + "'; it needs " + required + " different people ("
                    + approvals.size() + " of " + required + " so far: " + names(approvals) + "), so another "
                    + "approver must approve it");
        }
        if (approvals.size() < required) {
            Approval waiting = new Approval(null, required, approvals);
            audit(caller, "approve plan of run " + runId + " (" + waiting.message() + ")", hold.tenant(), runId, 200);
            log.info("sync run {} of tenant '{}' approved by {} ({}): {}", runId, hold.tenant(), caller.name(),
                    caller.kind().wire(), waiting.message());
            return waiting;
        }
        // a hold that saw a full read is approved by a full read, so the removals only a full enumeration finds are
        // part of what the approval applies
        SyncMode mode = hold.fullRead() ? SyncMode.FULL : blocked.getMode();
        SyncRun approval;
        try {
            approval = launcher.launchApproval(blocked, mode);
        } catch (RuntimeException e) {
            if (recorded) {
                decisions.withdraw(runId, caller); // nothing was queued: the approver may approve again
            }
            throw e;
        }
        Approval done = new Approval(approval, required, approvals);
        audit(caller, "approve plan of run " + runId + " (" + done.message() + "; approved by " + names(approvals)
                + ")", hold.tenant(), runId, 202);
        log.info("sync run {} of tenant '{}' approved by {} (its plan deactivates {} accounts; the approval applies "
                + "those still planned, anything else only within the usual limits): approval run {}", runId,
                hold.tenant(), names(approvals), blocked.counts().deactivated(), approval.getId());
        return done;
    }

    /** How many people must approve a plan of the tenant: its mapping's {@code safety.approvers} (default 1). */
    public int requiredApprovers(String tenant) {
        return requiredApprovers(validMapping(tenant));
    }

    private static int requiredApprovers(TenantMapping mapping) {
        return mapping == null ? 1 : mapping.safety().approvers();
    }

    /** The tenant's current mapping; null when its file is missing or invalid. */
    private TenantMapping validMapping(String tenant) {
        return mappings.current(tenant).flatMap(TenantMappingStatus::validMapping).orElse(null);
    }

    /** The approvals that count for a plan: for several approvers, only people's. */
    private List<HoldDecision> approvals(long runId, int required) {
        return decisions.of(runId).stream().filter(d -> d.kind() == HoldDecision.Kind.APPROVE)
                .filter(d -> required == 1 || d.byPerson()).toList();
    }

    /**
     * A plan that needs several people is approved by people only (the admin token and API keys are shared secrets,
     * not a person), and only as the hold's newest plan: approvals are tied to the plan, so a newer plan needs fresh
     * ones.
     */
    private void refuseNonPerson(TenantHold hold, long runId, Caller caller, int required) {
        if (caller.kind() != Caller.Kind.USER) {
            String who = caller.kind() == Caller.Kind.KEY ? "an API key ('" + caller.name() + "')"
                    : "the " + caller.name();
            throw new ForbiddenException("runId", "tenant '" + hold.tenant() + "' needs the approval of " + required
                    + " different people (safety.approvers in its mapping file) and " + who + " is not a person: "
                    + "sign in as a person with the EntraSync.Approver role to approve");
        }
        if (runId != hold.latestRunId()) {
            throw new ConflictException("runId", "approvals are tied to a plan, and run " + runId + " is no longer the "
                    + "newest plan of the hold of tenant '" + hold.tenant() + "': approve the newest plan, run "
                    + hold.latestRunId() + " (it needs " + required + " approvals of its own)");
        }
    }

    private static String names(List<HoldDecision> approvals) {
        return approvals.stream().map(d -> d.actor().name()).collect(Collectors.joining(", "));
    }

    /** The decision, with its actor, in the audit trail (beside the call the audit filter records). */
    private void audit(Caller actor, String action, String tenant, long runId, int status) {
        events.publishEvent(new AuditEvent(Instant.now(), actor, "hold: " + action, "tenant=" + tenant
                + (runId > 0 ? ", runId=" + runId : ""), status, null));
    }

    /**
     * A plan made under another version of the mapping file than the current one is not what an approval run would
     * apply (it re-plans under the current mapping): 409 saying which plan to approve instead.
     */
    private void refuseOtherMapping(SyncRun blocked, TenantHold hold, TenantMapping mapping) {
        String current = mapping == null ? null : mapping.contentHash();
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

    /** Rejects the plan of a BLOCKED run of the tenant's current hold for {@code caller}: the tenant stays held. */
    public TenantHold reject(long runId, Caller caller) {
        SyncRun blocked = runs.get(runId);
        TenantHold hold = holdOf(blocked, "rejected");
        refuseWhileRunning(hold.tenant(), "rejected");
        if (!holds.reject(hold.tenant(), runId)) {
            throw new ConflictException("runId", "the hold of tenant '" + hold.tenant() + "' ended or changed while "
                    + "rejecting run " + runId + "; reload and decide on its current plan");
        }
        decisions.record(hold.tenant(), runId, HoldDecision.Kind.REJECT, caller);
        audit(caller, "reject plan of run " + runId, hold.tenant(), runId, 200);
        log.info("sync run {} of tenant '{}' rejected by {} ({}): the tenant stays held until its mapping changes or an "
                + "admin releases it", runId, hold.tenant(), caller.name(), caller.kind().wire());
        return holds.current(hold.tenant()).orElseThrow(() -> new ConflictException("runId", "the hold of tenant '"
                + hold.tenant() + "' ended meanwhile"));
    }

    /** Ends the tenant's hold without applying anything; 404 for an unknown tenant, 409 when it is not held. */
    public void release(String tenant, Caller caller) {
        refuseWhileRunning(tenant, "released");
        TenantHold hold = holds.current(tenant).orElse(null);
        if (!holds.releaseNow(tenant)) {
            if (mappings.current(tenant).isEmpty()) {
                throw new NotFoundException("tenant", "tenant '" + tenant + "' has no mapping file");
            }
            throw new ConflictException("tenant", "tenant '" + tenant + "' is not held");
        }
        long newest = hold == null ? 0 : hold.latestRunId();
        if (hold != null) {
            decisions.record(tenant, newest, HoldDecision.Kind.RELEASE, caller);
        }
        audit(caller, "release hold" + (newest > 0 ? " (newest plan: run " + newest + ")" : ""), tenant, newest, 204);
        log.info("the hold of tenant '{}' was released by {} ({}); its next run is judged by the deletion guard", tenant,
                caller.name(), caller.kind().wire());
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
