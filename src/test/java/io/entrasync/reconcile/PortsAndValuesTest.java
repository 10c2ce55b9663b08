package io.entrasync.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The in-memory port, email claims and the self-validating input values. */
class PortsAndValuesTest {

    @Nested
    class InMemoryLookups {

        private final LocalAccounts local = InMemoryLocalAccounts.of(List.of(
                Accounts.linked(7, "e1", "Ann@Contoso.com").build(),
                Accounts.linked(8, "e1", "ann@fabrikam.com").tenant("fabrikam").build(),
                Accounts.weak(3, "weak@contoso.com", "Weak", null).build()));

        @Test
        void byEmail_ignoresCaseAndSurroundingBlanks() {
            assertThat(local.byEmail(" ANN@contoso.com ")).get().extracting(LocalAccount::id).isEqualTo(7L);
        }

        @Test
        void byEmail_findsNothingForBlank() {
            assertThat(local.byEmail(null)).isEmpty();
            assertThat(local.byEmail(" ")).isEmpty();
        }

        @Test
        void byExternalId_isScopedToTheTenant() {
            assertThat(local.byExternalId("fabrikam", "e1")).get().extracting(LocalAccount::id).isEqualTo(8L);
            assertThat(local.byExternalId("northwind", "e1")).isEmpty();
        }

        @Test
        void unlinkedAccount_isNeverFoundByExternalId() {
            assertThat(local.byExternalId(null, null)).isEmpty();
        }
    }

    @Nested
    class Claims {

        @Test
        void claimants_includeTheAskingUserAndIgnoreCase() {
            EmailClaims claims = EmailClaims.of(Map.of("X@contoso.com", List.of("e2")));

            assertThat(claims.claimants("x@CONTOSO.com", "e1")).containsExactly("e1", "e2");
            assertThat(EmailClaims.none().claimants("x@contoso.com", "e1")).containsExactly("e1");
        }

        @Test
        void union_mergesClaimantsOfTheSameEmail() {
            EmailClaims claims = EmailClaims.of(Map.of("x@contoso.com", List.of("e2")))
                    .and(EmailClaims.fromDesired(List.of(
                            new Desired.Present("e3", DesiredAccount.of("X@contoso.com", "Berlin")),
                            new Desired.Absent("e4", AbsenceReason.DELETED))));

            assertThat(claims.claimants("x@contoso.com", "e2")).containsExactly("e2", "e3");
        }
    }

    @Nested
    class Validation {

        @Test
        void desiredAccountWithoutEmailOrSite_isRejected() {
            assertThatIllegalArgumentException().isThrownBy(() -> DesiredAccount.of(" ", "Berlin"));
            assertThatIllegalArgumentException().isThrownBy(() -> DesiredAccount.of("a@x.com", null));
        }

        @Test
        void desiredWithoutExternalId_isRejected() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new Desired.Absent("", AbsenceReason.DELETED));
        }

        @Test
        void fieldWithoutExplicitPolicy_isDirectoryOwnedAndKeepsLocalValuesOnBlank() {
            FieldPolicies policies = FieldPolicies.of(Map.of(Field.PHONE, FieldPolicy.HELPDESK));

            assertThat(policies.of(Field.PHONE)).isEqualTo(FieldPolicy.HELPDESK);
            assertThat(policies.of(Field.JOB_TITLE)).isEqualTo(new FieldPolicy(Ownership.DIRECTORY, false));
        }
    }
}
