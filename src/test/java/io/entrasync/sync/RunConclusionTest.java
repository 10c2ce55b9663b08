package io.entrasync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.mapping.Safety;
import io.entrasync.reconcile.RunCounts;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RunConclusionTest {

    static final Safety LIMITS = new Safety(3, 30);

    static RunCounts deactivating(int n) {
        return new RunCounts(0, 0, 0, 0, n, 0, 10 - n, 0, 0);
    }

    static TenantHold hold(TenantHold.State state) {
        return new TenantHold("acme", state, Instant.EPOCH, 5, 7, 8, "run would deactivate 8 of 10", false, "h1",
                state == TenantHold.State.REJECTED ? Instant.EPOCH : null);
    }

    /** {@code mappingChanged}: the run evaluates another mapping ("h2") than the hold's newest plan ("h1"). */
    static RunConclusion.Verdict decide(RunCounts counts, boolean dryRun, TenantHold hold, boolean mappingChanged,
                                        RunConclusion.Approval approval) {
        return RunConclusion.decide(new RunConclusion.Inputs(9, "acme", counts, 10, LIMITS, dryRun, hold,
                mappingChanged ? "h2" : "h1", approval));
    }

    @Test
    void aHeldTenantsRun_isBlockedWhateverItPlanned_andExtendsTheHold() {
        RunConclusion.Verdict none = decide(deactivating(0), false, hold(TenantHold.State.PENDING), false, null);

        assertThat(none.result().status()).isEqualTo(RunStatus.BLOCKED);
        assertThat(none.result().rollback()).isTrue();
        assertThat(none.result().hold().fresh()).isFalse();
        assertThat(none.result().error()).contains("is held since run 5", "POST /api/sync-runs/9/approve");
        assertThat(decide(deactivating(0), false, hold(TenantHold.State.REJECTED), false, null).result().error())
                .contains("was rejected");
    }

    @Test
    void theGuardsBlock_startsAFreshHold_andAWithinLimitRunSucceeds() {
        RunConclusion.Verdict blocked = decide(deactivating(4), false, null, false, null);
        RunConclusion.Verdict fine = decide(deactivating(2), false, null, false, null);

        assertThat(blocked.result().status()).isEqualTo(RunStatus.BLOCKED);
        assertThat(blocked.result().hold().fresh()).isTrue();
        assertThat(blocked.result().hold().reason()).startsWith("run would deactivate 4 of 10");
        assertThat(fine.result().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(fine.result().rollback()).isFalse();
        assertThat(fine.endsHold()).isFalse();
    }

    @Test
    void anApproval_appliesExactlyTheReviewedPlan_andEndsTheHold() {
        RunConclusion.Verdict exact = decide(deactivating(7), false, hold(TenantHold.State.PENDING), false,
                new RunConclusion.Approval(5, 8, 7));

        assertThat(exact.result().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(exact.endsHold()).isTrue();
        assertThat(exact.result().error()).isEqualTo("approved plan of run 5: applied the 7 of its 8 deactivations "
                + "still planned; no other deactivation");
    }

    @Test
    void anApprovalsExtraDeactivations_withinTheUsualLimits_areAppliedAndListedSeparately() {
        RunConclusion.Verdict extra = decide(deactivating(9), false, hold(TenantHold.State.PENDING), false,
                new RunConclusion.Approval(5, 8, 8));

        assertThat(extra.result().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(extra.endsHold()).isTrue();
        assertThat(extra.result().error()).contains("applied the 8 of its 8", "1 more, not in the reviewed plan, "
                + "within the usual limits (run would deactivate 1 of 10");
    }

    @Test
    void anApprovalsExtraDeactivations_aboveTheUsualLimits_blockTheApprovalRunAsAWhole() {
        // the old margin ("+2 %, at least 2") would have let 10 of a reviewed 8 through
        RunConclusion.Verdict beyond = decide(new RunCounts(0, 0, 0, 0, 10, 0, 0, 0, 0), false,
                hold(TenantHold.State.PENDING), false, new RunConclusion.Approval(5, 8, 6));

        assertThat(beyond.result().status()).isEqualTo(RunStatus.BLOCKED);
        assertThat(beyond.result().rollback()).isTrue();
        assertThat(beyond.endsHold()).isFalse();
        assertThat(beyond.result().hold().fresh()).as("the hold continues with this plan").isFalse();
        assertThat(beyond.result().error()).contains("covers the 6 deactivations", "4 more, not in the reviewed plan, "
                + "above the usual limits", "POST /api/sync-runs/9/approve");
    }

    @Test
    void aPendingHoldWhoseMappingChanged_endsWhenTheNewPlanIsWithinLimits_andContinuesWhenAbove() {
        RunConclusion.Verdict within = decide(deactivating(1), false, hold(TenantHold.State.PENDING), true, null);
        RunConclusion.Verdict above = decide(deactivating(6), false, hold(TenantHold.State.PENDING), true, null);

        assertThat(within.result().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(within.endsHold()).isTrue();
        assertThat(within.result().error()).startsWith("hold ended: mapping changed, new plan within limits");
        assertThat(above.result().status()).isEqualTo(RunStatus.BLOCKED);
        assertThat(above.result().hold().fresh()).isFalse();
        assertThat(above.result().hold().reason()).startsWith("run would deactivate 6 of 10");
        assertThat(above.result().error()).contains("changed while it was held", "can no longer be approved");
    }

    @Test
    void aDryRun_neverAppliesNorHolds_andSaysWhatARealRunWouldDo() {
        RunConclusion.Verdict held = decide(deactivating(0), true, hold(TenantHold.State.PENDING), false, null);
        RunConclusion.Verdict wouldBlock = decide(deactivating(5), true, null, false, null);

        assertThat(held.result().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(held.result().rollback()).isTrue();
        assertThat(held.result().hold()).isNull();
        assertThat(held.result().error()).contains("is held since run 5");
        assertThat(wouldBlock.result().error()).startsWith("dry run: a real run would be BLOCKED");
        assertThat(wouldBlock.endsHold()).isFalse();
    }

    @Test
    void aRejectedHoldLiftedByAMappingChange_endsWithASucceedingRun_orIsReplacedByAFreshHold() {
        RunConclusion.Verdict lifted = decide(deactivating(1), false, hold(TenantHold.State.REJECTED), true, null);
        RunConclusion.Verdict replaced = decide(deactivating(6), false, hold(TenantHold.State.REJECTED), true, null);

        assertThat(lifted.result().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(lifted.endsHold()).isTrue();
        assertThat(replaced.result().hold().fresh()).isTrue();
        assertThat(hold(TenantHold.State.REJECTED).mappingChangedTo("h2")).isTrue();
        assertThat(hold(TenantHold.State.REJECTED).mappingChangedTo("h1")).isFalse();
        assertThat(hold(TenantHold.State.PENDING).mappingChangedTo(null)).as("an invalid file changes nothing").isFalse();
    }

    @Test
    void aHoldCoversItsRuns() {
        assertThat(hold(TenantHold.State.PENDING).covers(5)).isTrue();
        assertThat(hold(TenantHold.State.PENDING).covers(7)).isTrue();
        assertThat(hold(TenantHold.State.PENDING).covers(4)).isFalse();
    }
}
