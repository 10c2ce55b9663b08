package io.entrasync.reconcile;

import static io.entrasync.reconcile.Accounts.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Directory users that are gone ({@link Desired.Absent}) or cannot be mapped ({@link Desired.Unmappable}). */
class ReconcilerRemovalTest {

    private final Reconciler reconciler = new Reconciler();

    private Change plan(Desired desired, LocalAccount... accounts) {
        return reconciler.plan(TENANT, desired, InMemoryLocalAccounts.of(List.of(accounts)), EmailClaims.none());
    }

    @ParameterizedTest
    @EnumSource(AbsenceReason.class)
    void activeLinkedAccount_isDeactivatedForEveryReason(AbsenceReason reason) {
        Change change = plan(new Desired.Absent("e1", reason), Accounts.linked(7, "e1", "ann@contoso.com").build());

        assertThat(change).isEqualTo(new Change.Deactivate("e1", 7L, reason, 0, false));
    }

    @Test
    void deactivatedMainSiteUser_isFlaggedWithItsOpenTicketCount() {
        LocalAccount boss = Accounts.linked(7, "e1", "boss@contoso.com").mainSiteUser().openTickets(4).build();

        Change change = plan(new Desired.Absent("e1", AbsenceReason.DELETED), boss);

        assertThat(change).isInstanceOfSatisfying(Change.Deactivate.class, deactivate -> {
            assertThat(deactivate.wasMainSiteUser()).isTrue();
            assertThat(deactivate.openTickets()).isEqualTo(4);
            assertThat(deactivate.accountId()).isEqualTo(7L);
        });
    }

    @Test
    void alreadyInactiveAccount_isUnchanged() {
        Change change = plan(new Desired.Absent("e1", AbsenceReason.DISABLED),
                Accounts.linked(7, "e1", "ann@contoso.com").inactive().build());

        assertThat(change).isEqualTo(new Change.Unchanged("e1", 7L, List.of("account is already inactive")));
    }

    @Nested
    class NeverDeactivated {

        @Test
        void weakAccountWithTheUsersEmail_isNotDeactivated() {
            Change change = plan(new Desired.Absent("e1", AbsenceReason.DELETED),
                    Accounts.weak(3, "ann@contoso.com", "Ann", null).build());

            assertThat(change).isEqualTo(new Change.Unchanged("e1", null, List.of("no account is linked to this user")));
        }

        @Test
        void manualAccount_isNotDeactivated() {
            Change change = plan(new Desired.Absent("e1", AbsenceReason.OUT_OF_SCOPE),
                    Accounts.manual(5, "ann@contoso.com").build());

            assertThat(change.kind()).isEqualTo(ChangeKind.UNCHANGED);
            assertThat(change.accountId()).isNull();
        }

        @Test
        void accountOfAnotherTenantWithTheSameExternalId_isNotDeactivated() {
            Change change = plan(new Desired.Absent("e1", AbsenceReason.DELETED),
                    Accounts.linked(4, "e1", "ann@fabrikam.com").tenant("fabrikam").build());

            assertThat(change.kind()).isEqualTo(ChangeKind.UNCHANGED);
            assertThat(change.accountId()).isNull();
        }

        @Test
        void linkedAccountMarkedWeak_isNotDeactivated() {
            Change change = plan(new Desired.Absent("e1", AbsenceReason.DELETED),
                    Accounts.linked(7, "e1", "ann@contoso.com").weakAssociation().build());

            assertThat(change.kind()).isEqualTo(ChangeKind.UNCHANGED);
        }

        @Test
        void portReturningAForeignAccountForTheExternalId_isNotTrusted() {
            LocalAccount foreign = Accounts.linked(4, "e1", "ann@fabrikam.com").tenant("fabrikam").build();
            LocalAccounts sloppyPort = new LocalAccounts() {
                @Override
                public Optional<LocalAccount> byExternalId(String tenant, String externalId) {
                    return Optional.of(foreign);
                }

                @Override
                public Optional<LocalAccount> byEmail(String email) {
                    return Optional.empty();
                }
            };

            Change change = reconciler.plan(TENANT, new Desired.Absent("e1", AbsenceReason.DELETED), sloppyPort,
                    EmailClaims.none());

            assertThat(change.kind()).isEqualTo(ChangeKind.UNCHANGED);
        }
    }

    @Nested
    class Unmappable {

        @Test
        void unmappableUserWithoutAccount_isSkippedWithTheMappingsReason() {
            Change change = plan(new Desired.Unmappable("e1", SkipReason.NO_SITE_RULE, "no site rule matched"));

            assertThat(change).isEqualTo(new Change.Skip("e1", null, SkipReason.NO_SITE_RULE, "no site rule matched"));
        }

        @Test
        void unmappableUserWithAnAccount_isSkippedNamingTheAccountAndNotDeactivated() {
            Change change = plan(new Desired.Unmappable("e1", SkipReason.NO_EMAIL, null),
                    Accounts.linked(7, "e1", "ann@contoso.com").build());

            assertThat(change).isEqualTo(new Change.Skip("e1", 7L, SkipReason.NO_EMAIL, null));
        }
    }
}
