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

    static RunConclusion.Verdict decide(RunCounts counts, boolean dryRun, TenantHold hold, boolean lifted,
                                        RunConclusion.Approval approval) {
        return RunConclusion.decide(new RunConclusion.Inputs(9, "acme", counts, 10, LIMITS, dryRun, hold, lifted,
                approval));
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
    void anApproval_appliesUpToTheApprovedCountPlusItsMargin_andEndsTheHold() {
        RunConclusion.Approval approval = new RunConclusion.Approval(5, 8);

        RunConclusion.Verdict within = decide(deactivating(10), false, hold(TenantHold.State.PENDING), false, approval);
        RunConclusion.Verdict beyond = decide(new RunCounts(0, 0, 0, 0, 11, 0, 0, 0, 0), false,
                hold(TenantHold.State.PENDING), false, approval);

        assertThat(approval.allows()).isEqualTo(10);
        assertThat(within.result().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(within.endsHold()).isTrue();
        assertThat(beyond.result().status()).isEqualTo(RunStatus.BLOCKED);
        assertThat(beyond.result().hold().fresh()).isFalse();
        assertThat(beyond.result().error()).contains("allows up to 10 deactivations (8 approved + 2 margin)",
                "now deactivates 11");
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
    void aRejectedHoldLiftedByAMappingChange_endsWithASucceedingRun() {
        RunConclusion.Verdict lifted = decide(deactivating(1), false, null, true, null);

        assertThat(lifted.result().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(lifted.endsHold()).isTrue();
        assertThat(hold(TenantHold.State.REJECTED).liftedBy("h2")).isTrue();
        assertThat(hold(TenantHold.State.REJECTED).liftedBy("h1")).isFalse();
        assertThat(hold(TenantHold.State.PENDING).liftedBy("h2")).as("a pending hold waits for a decision").isFalse();
    }

    @Test
    void anApprovalMarginIsTwoPercent_atLeastTwo() {
        assertThat(TenantHold.approvalAllows(0)).isEqualTo(2);
        assertThat(TenantHold.approvalAllows(239)).isEqualTo(244);
        assertThat(hold(TenantHold.State.PENDING).covers(5)).isTrue();
        assertThat(hold(TenantHold.State.PENDING).covers(7)).isTrue();
        assertThat(hold(TenantHold.State.PENDING).covers(4)).isFalse();
    }
}
