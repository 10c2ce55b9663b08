package io.entrasync.sync;

import io.entrasync.mapping.Safety;
import io.entrasync.reconcile.DeletionGuard;
import io.entrasync.reconcile.GuardVerdict;
import io.entrasync.reconcile.RunCounts;

/**
 * How a run that planned its changes ends: the deletion guard, the tenant's hold and an approval decide, in that
 * order of strength. Pure: it reads nothing and writes nothing.
 *
 * <ul>
 *   <li>A dry run always SUCCEEDS and applies nothing; its note says what a real run would do.</li>
 *   <li>An approval run applies its (re-planned) changes when they deactivate at most what the approval allows
 *       ({@link TenantHold#approvalAllows}), and the hold ends with it; otherwise it is BLOCKED with its new plan.</li>
 *   <li>A held tenant's run is BLOCKED whatever it planned: it records its plan and becomes the plan to approve.
 *       This is what keeps a blocked intent blocked: without it, the scheduled deltas after a blocked run would
 *       apply the same removals a few at a time, each under the limit.</li>
 *   <li>Otherwise the guard decides; a run it blocks starts the tenant's hold.</li>
 * </ul>
 */
final class RunConclusion {

    /**
     * @param hold       the tenant's hold, null when not held
     * @param holdLifted the tenant has a rejected hold that a change of its mapping lifted: the run is judged as if
     *                   not held, ends that hold when it succeeds and replaces it when it is blocked
     * @param approval   null unless the run is an approval
     */
    record Inputs(long runId, String tenant, RunCounts counts, long activeBefore, Safety safety, boolean dryRun,
                  TenantHold hold, boolean holdLifted, Approval approval) {
    }

    /** The approval a run carries out: the run approved and what it had planned. */
    record Approval(long approvedRunId, int approvedDeactivations) {

        int allows() {
            return TenantHold.approvalAllows(approvedDeactivations);
        }
    }

    /** The run's result, and whether the run ends the tenant's hold (in its own transaction). */
    record Verdict(RunResult result, boolean endsHold) {
    }

    private RunConclusion() {
    }

    static Verdict decide(Inputs in) {
        RunCounts counts = in.counts();
        long planned = counts.deactivated();
        GuardVerdict guard = planned == 0 ? null : DeletionGuard.check(planned, in.activeBefore(),
                in.safety().maxDeactivations(), in.safety().maxDeactivationPercent());
        if (in.dryRun()) {
            String note = in.hold() != null ? "dry run: tenant '" + in.tenant() + "' is held since run "
                    + in.hold().firstRunId() + "; a real run would apply nothing"
                    : guard != null && !guard.allowed() ? "dry run: a real run would be BLOCKED: " + guard.message() : null;
            return new Verdict(RunResult.succeeded(counts, note, true), false);
        }
        if (in.approval() != null) {
            return approval(in, planned);
        }
        if (in.hold() != null) {
            return new Verdict(RunResult.blocked(counts, held(in, planned), new RunResult.Hold(false, in.hold().reason())),
                    false);
        }
        if (guard != null && !guard.allowed()) {
            return new Verdict(RunResult.blocked(counts, guard.message() + "; nothing was applied, and tenant '"
                    + in.tenant() + "' is held: later runs apply nothing until an admin approves (POST /api/sync-runs/"
                    + in.runId() + "/approve), rejects (POST /api/sync-runs/" + in.runId() + "/reject) or releases "
                    + "the hold (POST /api/tenants/" + in.tenant() + "/hold/release)", new RunResult.Hold(true, guard.message())),
                    false);
        }
        return new Verdict(RunResult.succeeded(counts, null, false), in.holdLifted());
    }

    private static Verdict approval(Inputs in, long planned) {
        Approval approval = in.approval();
        if (planned <= approval.allows()) {
            return new Verdict(RunResult.succeeded(in.counts(), null, false), true);
        }
        String reason = in.hold() != null ? in.hold().reason() : "approval run " + in.runId() + " planned more "
                + "deactivations than approved";
        return new Verdict(RunResult.blocked(in.counts(), "the approval of run " + approval.approvedRunId()
                + " allows up to " + approval.allows() + " deactivations (" + approval.approvedDeactivations()
                + " approved + " + (approval.allows() - approval.approvedDeactivations()) + " margin), but the plan "
                + "now deactivates " + planned + "; nothing was applied. Review this run's plan and approve it "
                + "(POST /api/sync-runs/" + in.runId() + "/approve)", new RunResult.Hold(false, reason)), false);
    }

    private static String held(Inputs in, long planned) {
        TenantHold hold = in.hold();
        String release = "release the hold (POST /api/tenants/" + in.tenant() + "/hold/release)";
        if (hold.state() == TenantHold.State.REJECTED) {
            return "tenant '" + in.tenant() + "' is held: the plan of run " + hold.latestRunId() + " was rejected at "
                    + hold.rejectedAt() + "; this run planned " + planned + " deactivations and applied nothing. "
                    + "Change the mapping file or " + release;
        }
        return "tenant '" + in.tenant() + "' is held since run " + hold.firstRunId() + " (" + hold.reason()
                + "); this run planned " + planned + " deactivations and applied nothing. Approve this plan "
                + "(POST /api/sync-runs/" + in.runId() + "/approve), reject it (POST /api/sync-runs/" + in.runId()
                + "/reject) or " + release;
    }
}
