package io.entrasync.reconcile;

import static io.entrasync.reconcile.Accounts.TENANT;
import static io.entrasync.reconcile.Wanted.ann;
import static io.entrasync.reconcile.Wanted.present;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** A directory user whose account is already linked (hard match on tenant and externalId). */
class ReconcilerUpdateTest {

    private final Reconciler reconciler = new Reconciler();

    private Change plan(DesiredAccount wanted, LocalAccount... accounts) {
        return reconciler.plan(TENANT, present("e1", wanted), InMemoryLocalAccounts.of(List.of(accounts)),
                EmailClaims.none());
    }

    @Test
    void accountAlreadyAsWanted_isUnchanged() {
        Change change = plan(ann("ann@contoso.com"), Accounts.linked(7, "e1", "ann@contoso.com").build());

        assertThat(change).isEqualTo(new Change.Unchanged("e1", 7L, List.of()));
    }

    @Test
    void changedPhone_isAnUpdateWithThatDiff() {
        Change change = plan(ann("ann@contoso.com").withPhones("+49 30 2", "+49 170 1"),
                Accounts.linked(7, "e1", "ann@contoso.com").build());

        assertThat(change).isEqualTo(new Change.Update("e1", 7L,
                List.of(new FieldDiff(Field.PHONE, "+49 30 1", "+49 30 2")), List.of()));
    }

    @Test
    void newSite_isAMoveNamingBothSitesAndListingEveryDiff() {
        Change change = plan(ann("ann@contoso.com").withPlacement("Munich", "Sales").withJobTitle("Lead"),
                Accounts.linked(7, "e1", "ann@contoso.com").build());

        assertThat(change).isEqualTo(new Change.Move("e1", 7L, "Berlin", "Munich", "Sales", "Sales",
                List.of(new FieldDiff(Field.JOB_TITLE, "Clerk", "Lead"), new FieldDiff(Field.SITE, "Berlin", "Munich")),
                List.of()));
    }

    @Test
    void newDepartmentOnly_isAMoveWithinTheSameSite() {
        Change change = plan(ann("ann@contoso.com").withPlacement("Berlin", "Support"),
                Accounts.linked(7, "e1", "ann@contoso.com").build());

        assertThat(change).isInstanceOfSatisfying(Change.Move.class, move -> {
            assertThat(move.fromSite()).isEqualTo("Berlin");
            assertThat(move.toSite()).isEqualTo("Berlin");
            assertThat(move.fromDepartment()).isEqualTo("Sales");
            assertThat(move.toDepartment()).isEqualTo("Support");
            assertThat(move.kind()).isEqualTo(ChangeKind.MOVE);
        });
    }

    @Test
    void mainSiteUserFlagChange_isAnUpdateOfThatFlag() {
        Change change = plan(ann("ann@contoso.com").withFlags(true, false),
                Accounts.linked(7, "e1", "ann@contoso.com").build());

        assertThat(change.diffs()).containsExactly(new FieldDiff(Field.MAIN_SITE_USER, "false", "true"));
    }

    @Nested
    class Reactivation {

        @Test
        void inactiveAccountOfAPresentUser_isReactivatedWithItsDiffs() {
            Change change = plan(ann("ann@contoso.com").withPlacement("Munich", "Sales"),
                    Accounts.linked(7, "e1", "ann@contoso.com").inactive().build());

            assertThat(change).isEqualTo(new Change.Reactivate("e1", 7L,
                    List.of(new FieldDiff(Field.SITE, "Berlin", "Munich")), List.of()));
        }

        @Test
        void inactiveAccountWithoutDiffs_isStillReactivated() {
            Change change = plan(ann("ann@contoso.com"), Accounts.linked(7, "e1", "ann@contoso.com").inactive().build());

            assertThat(change).isEqualTo(new Change.Reactivate("e1", 7L, List.of(), List.of()));
        }

        @Test
        void reactivation_leavesHelpdeskOwnedFieldsAlone() {
            DesiredAccount wanted = ann("ann@contoso.com").withJobTitle("Lead")
                    .withPolicy(Field.JOB_TITLE, FieldPolicy.HELPDESK);

            Change change = plan(wanted, Accounts.linked(7, "e1", "ann@contoso.com").inactive().build());

            assertThat(change.diffs()).isEmpty();
        }
    }

    @Nested
    class Emails {

        @Test
        void emailDifferingOnlyInCase_isNoChange() {
            Change change = plan(ann("Ann@Contoso.com"), Accounts.linked(7, "e1", "ann@contoso.com").build());

            assertThat(change.kind()).isEqualTo(ChangeKind.UNCHANGED);
        }

        @Test
        void newFreeEmail_isUpdated() {
            Change change = plan(ann("ann.lee@contoso.com"), Accounts.linked(7, "e1", "ann@contoso.com").build());

            assertThat(change.diffs())
                    .containsExactly(new FieldDiff(Field.EMAIL, "ann@contoso.com", "ann.lee@contoso.com"));
        }

        @Test
        void newEmailUsedByAnotherAccount_isNotTakenAndIsReported() {
            Change change = plan(ann("boss@contoso.com").withJobTitle("Boss"),
                    Accounts.linked(7, "e1", "ann@contoso.com").build(),
                    Accounts.weak(9, "boss@contoso.com", "Boss", null).build());

            assertThat(change.diffs()).containsExactly(new FieldDiff(Field.JOB_TITLE, "Clerk", "Boss"));
            assertThat(change.notes()).containsExactly("email boss@contoso.com is already used by user 9"
                    + " (tenant -, externalId -); email not updated");
        }

        @Test
        void newEmailUsedByAnotherAccountAndNothingElse_isUnchangedWithTheNote() {
            Change change = plan(ann("boss@contoso.com"), Accounts.linked(7, "e1", "ann@contoso.com").build(),
                    Accounts.linked(9, "e9", "boss@contoso.com").build());

            assertThat(change.kind()).isEqualTo(ChangeKind.UNCHANGED);
            assertThat(change.notes()).singleElement().asString().contains("user 9", "externalId e9");
        }
    }
}
