package io.entrasync.reconcile;

import static io.entrasync.reconcile.Accounts.TENANT;
import static io.entrasync.reconcile.Wanted.ann;
import static io.entrasync.reconcile.Wanted.present;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** An admin's deactivation stands until an admin undoes it; a sync's own deactivations are undone with a reason. */
class ReconcilerAdminIntentTest {

    private final Reconciler reconciler = new Reconciler();

    private Change plan(Desired desired, LocalAccount... accounts) {
        return reconciler.plan(TENANT, desired, InMemoryLocalAccounts.of(List.of(accounts)), EmailClaims.none());
    }

    @Test
    void accountDeactivatedByAnAdmin_isNotReactivatedWhileTheUserIsInScope() {
        LocalAccount account = Accounts.linked(7, "e1", "ann@contoso.com")
                .deactivatedFor(DeactivationReason.MANUAL).build();

        Change change = plan(present("e1", ann("ann@contoso.com").withJobTitle("Lead")), account);

        assertThat(change).isEqualTo(new Change.Unchanged("e1", 7L, List.of(Reconciler.MANUAL_NOTE)));
        assertThat(change.notes().get(0)).contains("deactivated by an admin");
        assertThat(RunCounts.of(List.of(change)).failed()).isZero();
    }

    @Test
    void accountDeactivatedByAnAdmin_staysUnchangedWhenTheDirectoryRemovesTheUserToo() {
        LocalAccount account = Accounts.linked(7, "e1", "ann@contoso.com")
                .deactivatedFor(DeactivationReason.MANUAL).build();

        Change change = plan(new Desired.Absent("e1", AbsenceReason.DISABLED), account);

        assertThat(change.kind()).isEqualTo(ChangeKind.UNCHANGED);
        assertThat(change.notes()).singleElement().asString().contains("deactivated by an admin");
    }

    @Test
    void unlinkedAccountDeactivatedByAnAdmin_isLinkedButLeftInactive() {
        LocalAccount weak = Accounts.weak(3, "ann@contoso.com", "Ann", "Lee")
                .deactivatedFor(DeactivationReason.MANUAL).build();

        Change change = plan(present("e1", ann("ann@contoso.com")), weak);

        assertThat(change).isInstanceOfSatisfying(Change.Link.class, link -> assertThat(link.reactivated()).isFalse());
    }

    @Test
    void unlinkedAccountDeactivatedBySync_isReactivatedByTheLink() {
        LocalAccount weak = Accounts.weak(3, "ann@contoso.com", "Ann", "Lee").inactive().build();

        Change change = plan(present("e1", ann("ann@contoso.com")), weak);

        assertThat(change).isInstanceOfSatisfying(Change.Link.class, link -> assertThat(link.reactivated()).isTrue());
    }

    @ParameterizedTest
    @EnumSource(value = DeactivationReason.class, names = "MANUAL", mode = EnumSource.Mode.EXCLUDE)
    void accountDeactivatedBySync_isReactivatedCarryingItsPreviousReason(DeactivationReason reason) {
        LocalAccount account = Accounts.linked(7, "e1", "ann@contoso.com").deactivatedFor(reason).build();

        Change change = plan(present("e1", ann("ann@contoso.com")), account);

        assertThat(change).isEqualTo(new Change.Reactivate("e1", 7L, List.of(), List.of(), reason));
        assertThat(((Change.Reactivate) change).reason()).isNotBlank();
    }

    @Test
    void reactivationReasons_sayWhatChangedInTheDirectory() {
        assertThat(DeactivationReason.reactivation(DeactivationReason.DISABLED)).isEqualTo("re-enabled in the directory");
        assertThat(DeactivationReason.reactivation(DeactivationReason.OUT_OF_SCOPE)).isEqualTo("returned to scope");
        assertThat(DeactivationReason.reactivation(DeactivationReason.DELETED)).isEqualTo("restored in the directory");
        assertThat(DeactivationReason.reactivation(null)).startsWith("active and in scope in the directory again");
    }

    @ParameterizedTest
    @EnumSource(AbsenceReason.class)
    void everyAbsenceReason_isRecordedUnderItsOwnName(AbsenceReason absence) {
        assertThat(DeactivationReason.of(absence).name()).isEqualTo(absence.name());
        assertThat(DeactivationReason.parse(absence.name())).isEqualTo(DeactivationReason.of(absence));
    }

    @Test
    void unknownStoredReason_readsAsUnrecorded() {
        assertThat(DeactivationReason.parse("SOMETHING_NEW")).isNull();
        assertThat(DeactivationReason.parse(null)).isNull();
    }
}
