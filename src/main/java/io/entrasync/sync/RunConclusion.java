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
 *   <li>An approval run applies exactly the reviewed plan: the deactivations the approved run listed (by account)
 *       that are still planned now. Any other deactivation it plans is judged by the tenant's usual limits, as in
 *       any run: within them it is applied too and listed separately; above them the approval run is BLOCKED as a
 *       whole (nothing applied, the tenant stays held with this run's plan as the one to review).</li>
 *   <li>A held tenant's run is BLOCKED whatever it planned: it records its plan and becomes the plan to approve.
 *       This is what keeps a blocked intent blocked: without it, the scheduled deltas after a blocked run would
 *       apply the same removals a few at a time, each under the limit.</li>
 *   <li>Except when the mapping changed since the hold's newest plan: the run re-plans under the new mapping and the
 *       guard judges it. Within the limits the hold ends by itself; above them a pending hold continues with the new
 *       plan (a rejected one is replaced by a fresh hold).</li>
 *   <li>Otherwise the guard decides; a run it blocks starts the tenant's hold.</li>
 * </ul>
 */
final class RunConclusion {

    /** What the note of a run that ended a hold because its mapping changed starts with. */
    static final String HOLD_ENDED_BY_MAPPING = "hold ended: mapping changed, new plan within limits";

    /**
     * @param hold        the tenant's hold, null when not held
     * @param mappingHash the mapping this run evaluated; a hold made under another one is re-planned
     * @param approval    null unless the run is an approval that still stands
     */
    record Inputs(long runId, String tenant, RunCounts counts, long activeBefore, Safety safety, boolean dryRun,
                  TenantHold hold, String mappingHash, Approval approval) {

        boolean replans() {
            return hold != null && hold.mappingChangedTo(mappingHash);
        }
    }

    /**
     * The approval a run carries out.
     *
     * @param listed       the deactivations the approved run's plan listed
     * @param stillPlanned those of them this run planned (and applied) again
     */
    record Approval(long approvedRunId, int listed, int stillPlanned) {
    }

    /** The run's result, and whether the run ends the tenant's hold (in its own transaction). */
    record Verdict(RunResult result, boolean endsHold) {
    }

    private RunConclusion() {
    }

    static Verdict decide(Inputs in) {
        RunCounts counts = in.counts();
        GuardVerdict guard = guard(in, counts.deactivated());
        if (in.dryRun()) {
            return new Verdict(RunResult.succeeded(counts, dryRunNote(in, guard), true), false);
        }
        if (in.approval() != null) {
            return approval(in);
        }
        if (in.hold() != null && !in.replans()) {
            return new Verdict(RunResult.blocked(counts, held(in, counts.deactivated()),
                    new RunResult.Hold(false, in.hold().reason())), false);
        }
        if (guard != null && !guard.allowed()) {
            return blocked(in, guard);
        }
        String note = in.hold() == null ? null : HOLD_ENDED_BY_MAPPING + " ("
                + (guard == null ? "it deactivates no account" : guard.message()) + ")";
        return new Verdict(RunResult.succeeded(counts, note, false), in.hold() != null);
    }

    /** The guard's verdict on {@code deactivations}; null when there are none. */
    private static GuardVerdict guard(Inputs in, long deactivations) {
        return deactivations == 0 ? null : DeletionGuard.check(deactivations, in.activeBefore(),
                in.safety().maxDeactivations(), in.safety().maxDeactivationPercent());
    }

    private static String dryRunNote(Inputs in, GuardVerdict guard) {
        boolean blocks = guard != null && !guard.allowed();
        if (in.hold() != null && !in.replans()) {
            return "dry run: tenant '" + in.tenant() + "' is held since run " + in.hold().firstRunId()
                    + "; a real run would apply nothing";
        }
        if (in.hold() != null) {
            return "dry run: the mapping changed since the hold's newest plan; a real run would re-plan and "
                    + (blocks ? "stay held: " + guard.message() : "end the hold (new plan within limits)");
        }
        return blocks ? "dry run: a real run would be BLOCKED: " + guard.message() : null;
    }

    /** A run the guard blocks: it starts the tenant's hold, or continues a pending one whose mapping changed. */
    private static Verdict blocked(Inputs in, GuardVerdict guard) {
        boolean continues = in.hold() != null && in.hold().state() == TenantHold.State.PENDING;
        String decide = "approve (POST /api/sync-runs/" + in.runId() + "/approve), reject (POST /api/sync-runs/"
                + in.runId() + "/reject) or release the hold (POST /api/tenants/" + in.tenant() + "/hold/release)";
        String message = continues
                ? "the mapping of tenant '" + in.tenant() + "' changed while it was held and this run re-planned under "
                        + "it: " + guard.message() + "; nothing was applied, and the hold continues with this plan "
                        + "(plans made under the earlier mapping can no longer be approved): " + decide
                : guard.message() + "; nothing was applied, and tenant '" + in.tenant() + "' is held: later runs "
                        + "apply nothing until an admin decides: " + decide;
        return new Verdict(RunResult.blocked(in.counts(), message, new RunResult.Hold(!continues, guard.message())),
                false);
    }

    private static Verdict approval(Inputs in) {
        Approval approval = in.approval();
        long extra = in.counts().deactivated() - approval.stillPlanned();
        String reviewed = "approved plan of run " + approval.approvedRunId() + ": applied the " + approval.stillPlanned()
                + " of its " + approval.listed() + " deactivations still planned";
        if (extra == 0) {
            return new Verdict(RunResult.succeeded(in.counts(), reviewed + "; no other deactivation", false), true);
        }
        GuardVerdict usual = guard(in, extra);
        if (usual.allowed()) {
            return new Verdict(RunResult.succeeded(in.counts(), reviewed + "; " + extra + " more, not in the reviewed "
                    + "plan, within the usual limits (" + usual.message() + ")", false), true);
        }
        String reason = in.hold() != null ? in.hold().reason() : usual.message();
        return new Verdict(RunResult.blocked(in.counts(), "the approval of run " + approval.approvedRunId()
                + " covers the " + approval.stillPlanned() + " deactivations of its plan still planned, but this run "
                + "plans " + extra + " more, not in the reviewed plan, above the usual limits (" + usual.message()
                + "); nothing was applied and tenant '" + in.tenant() + "' stays held. Review this run's plan (its "
                + "changes marked notInReviewedPlan) and approve it (POST /api/sync-runs/" + in.runId() + "/approve), "
                + "reject it or release the hold", new RunResult.Hold(false, reason)), false);
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
