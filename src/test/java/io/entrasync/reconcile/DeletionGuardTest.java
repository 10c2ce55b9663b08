package io.entrasync.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DeletionGuardTest {

    @Test
    void runWithinBothLimits_isAllowed() {
        GuardVerdict verdict = DeletionGuard.check(3, 900, 50, 10);

        assertThat(verdict).isEqualTo(new GuardVerdict(true,
                "run would deactivate 3 of 900 active accounts (0.3 %), within the limit of 50 accounts and 10 %"));
    }

    @Test
    void runAboveTheCountLimit_isBlocked() {
        GuardVerdict verdict = DeletionGuard.check(120, 900, 50, 10);

        assertThat(verdict).isEqualTo(new GuardVerdict(false,
                "run would deactivate 120 of 900 active accounts (13.3 %), above the limit of 50 accounts or 10 %"));
    }

    @Test
    void runAboveOnlyTheCountLimit_isBlocked() {
        assertThat(DeletionGuard.check(51, 1000, 50, 10).allowed()).isFalse();
    }

    @Test
    void runAboveOnlyThePercentLimit_isBlocked() {
        GuardVerdict verdict = DeletionGuard.check(2, 10, 50, 10);

        assertThat(verdict.allowed()).isFalse();
        assertThat(verdict.message()).contains("(20 %)");
    }

    @Test
    void runExactlyAtBothLimits_isAllowed() {
        assertThat(DeletionGuard.check(50, 500, 50, 10).allowed()).isTrue();
    }

    @Test
    void changeSet_isCheckedByItsDeactivations() {
        ChangeSet changes = new ChangeSet("contoso", List.of(
                new Change.Deactivate("e1", 1L, AbsenceReason.DELETED, 0, false),
                new Change.Deactivate("e2", 2L, AbsenceReason.DISABLED, 0, false),
                new Change.Unchanged("e3", 3L, List.of())));

        assertThat(DeletionGuard.check(changes, 4, 10, 50).allowed()).isTrue();
        assertThat(DeletionGuard.check(changes, 3, 10, 50).allowed()).isFalse();
    }

    @Nested
    class EdgeCases {

        @Test
        void noDeactivations_isAllowedEvenOnAnEmptyTenantWithZeroLimits() {
            assertThat(DeletionGuard.check(0, 0, 0, 0)).isEqualTo(new GuardVerdict(true, "run deactivates no accounts"));
        }

        @Test
        void maxDeactivationsZero_blocksAnyDeactivation() {
            assertThat(DeletionGuard.check(1, 1000, 0, 100).allowed()).isFalse();
        }

        @Test
        void maxPercentZero_blocksAnyDeactivation() {
            assertThat(DeletionGuard.check(1, 1000, 100, 0).allowed()).isFalse();
        }

        @Test
        void maxPercentHundred_leavesOnlyTheCountLimit() {
            assertThat(DeletionGuard.check(10, 10, 10, 100).allowed()).isTrue();
        }

        @Test
        void deactivationsOnATenantWithoutActiveAccounts_failClosed() {
            GuardVerdict verdict = DeletionGuard.check(1, 0, 50, 100);

            assertThat(verdict).isEqualTo(new GuardVerdict(false,
                    "run would deactivate 1 of 0 active accounts (all), above the limit of 50 accounts or 100 %"));
        }

        @Test
        void moreDeactivationsThanActiveAccounts_failClosed() {
            GuardVerdict verdict = DeletionGuard.check(5, 3, 50, 100);

            assertThat(verdict.allowed()).isFalse();
            assertThat(verdict.message()).contains("(166.7 %)");
        }

        @Test
        void percentJustAboveTheLimit_isComparedExactlyAndNeverShownAsTheLimit() {
            GuardVerdict verdict = DeletionGuard.check(1001, 10000, 5000, 10);

            assertThat(verdict.allowed()).isFalse();
            assertThat(verdict.message()).contains("(10.1 %)");
        }

        @Test
        void negativeNumbersOrPercentAboveHundred_areRejected() {
            assertThatIllegalArgumentException().isThrownBy(() -> DeletionGuard.check(-1, 10, 5, 5))
                    .withMessageContaining("plannedDeactivations");
            assertThatIllegalArgumentException().isThrownBy(() -> DeletionGuard.check(1, -10, 5, 5))
                    .withMessageContaining("activeOwnedAccounts");
            assertThatIllegalArgumentException().isThrownBy(() -> DeletionGuard.check(1, 10, -5, 5))
                    .withMessageContaining("maxDeactivations");
            assertThatIllegalArgumentException().isThrownBy(() -> DeletionGuard.check(1, 10, 5, 101))
                    .withMessageContaining("maxDeactivationPercent");
        }
    }
}
