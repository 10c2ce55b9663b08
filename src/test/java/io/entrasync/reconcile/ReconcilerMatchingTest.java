package io.entrasync.reconcile;

import static io.entrasync.reconcile.Accounts.TENANT;
import static io.entrasync.reconcile.Wanted.ann;
import static io.entrasync.reconcile.Wanted.present;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Directory users without a linked account: create, soft match by email, claimed emails and conflicts. */
class ReconcilerMatchingTest {

    private final Reconciler reconciler = new Reconciler();

    private Change plan(Desired desired, EmailClaims claims, LocalAccount... accounts) {
        return reconciler.plan(TENANT, desired, InMemoryLocalAccounts.of(List.of(accounts)), claims);
    }

    @Test
    void userWithoutAnyMatch_isCreatedWithItsNonBlankFields() {
        DesiredAccount wanted = DesiredAccount.of("new@contoso.com", "Berlin").withName("Neo", null);

        Change change = plan(present("e1", wanted), EmailClaims.none());

        assertThat(change).isEqualTo(new Change.Create("e1", wanted));
        assertThat(change.accountId()).isNull();
        assertThat(change.diffs()).containsExactly(
                new FieldDiff(Field.FIRST_NAME, null, "Neo"),
                new FieldDiff(Field.EMAIL, null, "new@contoso.com"),
                new FieldDiff(Field.SITE, null, "Berlin"),
                new FieldDiff(Field.MAIN_SITE_USER, null, "false"),
                new FieldDiff(Field.AUTO_TICKET_DISABLED, null, "false"));
    }

    @Test
    void accountLinkedToTheSameIdInAnotherTenant_isNoHardMatch() {
        LocalAccount other = Accounts.linked(4, "e1", "other@fabrikam.com").tenant("fabrikam").build();

        Change change = plan(present("e1", ann("ann@contoso.com")), EmailClaims.none(), other);

        assertThat(change.kind()).isEqualTo(ChangeKind.CREATE);
    }

    @Nested
    class SoftMatch {

        @Test
        void weakAccountWithTheEmail_isLinkedKeepingItsIdAndTakingTheDirectoryName() {
            LocalAccount weak = Accounts.weak(3, "ann.lee@contoso.com", "Ann.lee", "").build();

            Change change = plan(present("e1", ann("ann.lee@contoso.com")), EmailClaims.none(), weak);

            assertThat(change).isEqualTo(new Change.Link("e1", 3L, false, List.of(
                    new FieldDiff(Field.FIRST_NAME, "Ann.lee", "Ann"),
                    new FieldDiff(Field.LAST_NAME, null, "Lee"),
                    new FieldDiff(Field.PHONE, null, "+49 30 1"),
                    new FieldDiff(Field.MOBILE_PHONE, null, "+49 170 1"),
                    new FieldDiff(Field.JOB_TITLE, null, "Clerk"),
                    new FieldDiff(Field.DEPARTMENT, null, "Sales"))));
        }

        @Test
        void emailMatch_ignoresCase() {
            LocalAccount weak = Accounts.weak(3, "ANN@contoso.COM", "Ann", "Lee").build();

            Change change = plan(present("e1", ann("ann@Contoso.com")), EmailClaims.none(), weak);

            assertThat(change.kind()).isEqualTo(ChangeKind.LINK);
            assertThat(change.diffs()).extracting(FieldDiff::field).doesNotContain(Field.EMAIL);
        }

        @Test
        void manualStrongAccountWithoutTenant_isLinked() {
            Change change = plan(present("e1", ann("ann@contoso.com")), EmailClaims.none(),
                    Accounts.manual(5, "ann@contoso.com").build());

            assertThat(change).isEqualTo(new Change.Link("e1", 5L, false, List.of()));
        }

        @Test
        void inactiveUnlinkedAccount_isLinkedAndReactivated() {
            Change change = plan(present("e1", ann("ann@contoso.com")), EmailClaims.none(),
                    Accounts.manual(5, "ann@contoso.com").inactive().build());

            assertThat(change).isInstanceOfSatisfying(Change.Link.class,
                    link -> assertThat(link.reactivated()).isTrue());
        }
    }

    @Nested
    class EmailClaimed {

        @Test
        void emailOfAnAccountLinkedInAnotherTenant_isSkippedNotStolen() {
            LocalAccount foreign = Accounts.linked(17, "f-9", "ann@contoso.com").tenant("fabrikam").build();

            Change change = plan(present("e1", ann("ann@contoso.com")), EmailClaims.none(), foreign);

            assertThat(change).isEqualTo(new Change.Skip("e1", null, SkipReason.EMAIL_CLAIMED,
                    "email ann@contoso.com is already used by user 17 (tenant fabrikam, externalId f-9)"));
        }

        @Test
        void emailOfAnAccountLinkedToAnotherUserOfThisTenant_isSkipped() {
            LocalAccount taken = Accounts.linked(17, "e0", "ann@contoso.com").build();

            Change change = plan(present("e1", ann("ann@contoso.com")), EmailClaims.none(), taken);

            assertThat(change).isInstanceOfSatisfying(Change.Skip.class, skip -> {
                assertThat(skip.reason()).isEqualTo(SkipReason.EMAIL_CLAIMED);
                assertThat(skip.detail()).contains("user 17", "tenant contoso", "externalId e0");
            });
        }

        @Test
        void emailOfAnUnlinkedAccountOwnedByAnotherTenant_isSkipped() {
            LocalAccount foreign = Accounts.manual(17, "ann@contoso.com").tenant("fabrikam").build();

            Change change = plan(present("e1", ann("ann@contoso.com")), EmailClaims.none(), foreign);

            assertThat(change.kind()).isEqualTo(ChangeKind.SKIP);
        }
    }

    @Nested
    class EmailConflict {

        private final EmailClaims claims = EmailClaims.of(Map.of("Shared@contoso.com", List.of("e1", "e2", "e3")));

        @Test
        void claimantWithoutAnAccount_isSkippedNamingTheOtherClaimants() {
            Change change = plan(present("e2", ann("shared@contoso.com")), claims);

            assertThat(change).isEqualTo(new Change.Skip("e2", null, SkipReason.EMAIL_CONFLICT,
                    "email shared@contoso.com is also claimed by directory user(s) e1, e3 of tenant contoso;"
                            + " no account is created or linked until only one user claims it"));
        }

        @Test
        void claimantsOfAWeakAccountsEmail_neitherLinksIt() {
            LocalAccount weak = Accounts.weak(3, "shared@contoso.com", "Shared", null).build();

            assertThat(plan(present("e1", ann("shared@contoso.com")), claims, weak).kind()).isEqualTo(ChangeKind.SKIP);
            assertThat(plan(present("e2", ann("shared@contoso.com")), claims, weak).kind()).isEqualTo(ChangeKind.SKIP);
        }

        @Test
        void claimantWithAnAccount_keepsItAndIsUpdatedExceptTheEmail() {
            LocalAccount owned = Accounts.linked(7, "e1", "ann@contoso.com").build();

            Change change = plan(present("e1", ann("shared@contoso.com").withJobTitle("Lead")), claims, owned);

            assertThat(change.kind()).isEqualTo(ChangeKind.UPDATE);
            assertThat(change.accountId()).isEqualTo(7L);
            assertThat(change.diffs()).containsExactly(new FieldDiff(Field.JOB_TITLE, "Clerk", "Lead"));
            assertThat(change.notes()).containsExactly(
                    "email shared@contoso.com is also claimed by directory user(s) e2, e3; email not updated");
        }

        @Test
        void outcome_doesNotDependOnTheOrderOfTheChunk() {
            Desired first = present("e1", ann("shared@contoso.com").withJobTitle("Lead"));
            Desired second = present("e2", ann("SHARED@contoso.com"));
            LocalAccounts local = InMemoryLocalAccounts.of(List.of(
                    Accounts.linked(7, "e1", "shared@contoso.com").build(),
                    Accounts.weak(3, "other@contoso.com", "Other", null).build()));

            Map<String, Change> forward = byUser(reconciler.planAll(TENANT, List.of(first, second), local,
                    EmailClaims.none()));
            Map<String, Change> backward = byUser(reconciler.planAll(TENANT, List.of(second, first), local,
                    EmailClaims.none()));

            assertThat(forward).isEqualTo(backward);
            assertThat(forward.get("e1").kind()).isEqualTo(ChangeKind.UPDATE);
            assertThat(forward.get("e2")).isInstanceOfSatisfying(Change.Skip.class,
                    skip -> assertThat(skip.reason()).isEqualTo(SkipReason.EMAIL_CONFLICT));
        }

        @Test
        void twoNewUsersOfOneChunk_areBothSkippedEvenWithoutClaimsFromTheCaller() {
            ChangeSet changes = reconciler.planAll(TENANT,
                    List.of(present("e1", ann("x@contoso.com")), present("e2", ann("x@contoso.com"))),
                    InMemoryLocalAccounts.of(List.of()), EmailClaims.none());

            assertThat(changes.changes()).extracting(Change::kind).containsExactly(ChangeKind.SKIP, ChangeKind.SKIP);
        }

        private Map<String, Change> byUser(ChangeSet changes) {
            return changes.changes().stream().collect(Collectors.toMap(Change::externalId, Function.identity()));
        }
    }

    @Nested
    class Chunks {

        @Test
        void userListedTwice_isPlannedOnceFromItsLastEntry() {
            LocalAccount owned = Accounts.linked(7, "e1", "ann@contoso.com").build();

            ChangeSet changes = reconciler.planAll(TENANT,
                    List.of(present("e1", ann("ann@contoso.com").withJobTitle("Lead")),
                            new Desired.Absent("e1", AbsenceReason.DISABLED)),
                    InMemoryLocalAccounts.of(List.of(owned)), EmailClaims.none());

            assertThat(changes.changes()).singleElement().extracting(Change::kind).isEqualTo(ChangeKind.DEACTIVATE);
        }

        @Test
        void changeSet_countsItsChangesAndDeactivations() {
            ChangeSet changes = reconciler.planAll(TENANT, List.of(
                            present("e1", ann("a@contoso.com")),
                            present("e2", ann("b@contoso.com")),
                            new Desired.Absent("e3", AbsenceReason.DELETED)),
                    InMemoryLocalAccounts.of(List.of(Accounts.linked(8, "e3", "c@contoso.com").build())),
                    EmailClaims.none());

            assertThat(changes.counts()).isEqualTo(new RunCounts(2, 0, 0, 0, 1, 0, 0, 0, 0));
            assertThat(changes.deactivations()).isEqualTo(1);
        }
    }
}
