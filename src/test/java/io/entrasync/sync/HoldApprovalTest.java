package io.entrasync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.auth.Caller;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What an approval of a plan that needs several people says, and who counts as a person. */
class HoldApprovalTest {

    static HoldDecision approvedBy(Caller actor) {
        return new HoldDecision("acme", 14, HoldDecision.Kind.APPROVE, actor, Instant.parse("2026-12-06T10:00:00Z"));
    }

    static final Caller ALICE = new Caller(Caller.Kind.USER, "oid-alice", "alice@contoso.com");

    @Test
    void firstOfTwo_waitsForAnotherApprover() {
        var approval = new TenantHoldDecisions.Approval(null, 2, List.of(approvedBy(ALICE)));

        assertThat(approval.waiting()).isTrue();
        assertThat(approval.message()).isEqualTo("1 of 2 approvals, waiting for another approver");
    }

    @Test
    void firstOfThree_namesHowManyAreMissing() {
        var approval = new TenantHoldDecisions.Approval(null, 3, List.of(approvedBy(ALICE)));

        assertThat(approval.message()).isEqualTo("1 of 3 approvals, waiting for 2 more approvers");
    }

    @Test
    void onlySignedInPeopleCountAsPersons() {
        assertThat(approvedBy(ALICE).byPerson()).isTrue();
        assertThat(approvedBy(Caller.ADMIN_TOKEN).byPerson()).isFalse();
        assertThat(approvedBy(new Caller(Caller.Kind.KEY, "7", "mailer")).byPerson()).isFalse();
    }
}
