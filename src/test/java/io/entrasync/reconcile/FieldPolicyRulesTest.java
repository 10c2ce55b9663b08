package io.entrasync.reconcile;

import static io.entrasync.reconcile.Accounts.TENANT;
import static io.entrasync.reconcile.Wanted.ann;
import static io.entrasync.reconcile.Wanted.present;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Ownership and blank handling, on update and on link. */
class FieldPolicyRulesTest {

    private final Reconciler reconciler = new Reconciler();

    private Change plan(DesiredAccount wanted, LocalAccount account) {
        return reconciler.plan(TENANT, present("e1", wanted), InMemoryLocalAccounts.of(List.of(account)),
                EmailClaims.none());
    }

    @Nested
    class HelpdeskOwned {

        @Test
        void helpdeskOwnedField_isNotOverwrittenOnUpdate() {
            DesiredAccount wanted = ann("ann@contoso.com").withJobTitle("Directory title")
                    .withPolicy(Field.JOB_TITLE, FieldPolicy.HELPDESK);

            Change change = plan(wanted, Accounts.linked(7, "e1", "ann@contoso.com").jobTitle("Agent's title").build());

            assertThat(change.kind()).isEqualTo(ChangeKind.UNCHANGED);
        }

        @Test
        void helpdeskOwnedField_isNotFilledOnUpdateEvenWhenBlankLocally() {
            DesiredAccount wanted = ann("ann@contoso.com").withJobTitle("Directory title")
                    .withPolicy(Field.JOB_TITLE, FieldPolicy.HELPDESK);

            Change change = plan(wanted, Accounts.linked(7, "e1", "ann@contoso.com").jobTitle(null).build());

            assertThat(change.diffs()).isEmpty();
        }

        @Test
        void helpdeskOwnedField_isFilledOnLinkWhenBlankLocally() {
            DesiredAccount wanted = ann("ann@contoso.com").withPolicy(Field.PHONE, FieldPolicy.HELPDESK);

            Change change = plan(wanted, Accounts.weak(3, "ann@contoso.com", "Ann", "Lee").build());

            assertThat(change.diffs()).contains(new FieldDiff(Field.PHONE, null, "+49 30 1"));
        }

        @Test
        void helpdeskOwnedField_keepsTheLocalValueOnLink() {
            DesiredAccount wanted = ann("ann@contoso.com").withPolicy(Field.PHONE, FieldPolicy.HELPDESK);

            Change change = plan(wanted, Accounts.weak(3, "ann@contoso.com", "Ann", "Lee").phone("+1 555").build());

            assertThat(change.diffs()).extracting(FieldDiff::field).doesNotContain(Field.PHONE);
        }
    }

    @Nested
    class BlankValues {

        @ParameterizedTest
        @NullSource
        @ValueSource(strings = {"", "   "})
        void blankDesiredValue_neverClearsTheLocalOneByDefault(String blank) {
            Change change = plan(ann("ann@contoso.com").withJobTitle(blank),
                    Accounts.linked(7, "e1", "ann@contoso.com").build());

            assertThat(change.kind()).isEqualTo(ChangeKind.UNCHANGED);
        }

        @Test
        void blankDesiredValue_clearsTheLocalOneWhenBlankClears() {
            DesiredAccount wanted = ann("ann@contoso.com").withJobTitle("")
                    .withPolicy(Field.JOB_TITLE, FieldPolicy.DIRECTORY_BLANK_CLEARS);

            Change change = plan(wanted, Accounts.linked(7, "e1", "ann@contoso.com").build());

            assertThat(change.diffs()).containsExactly(new FieldDiff(Field.JOB_TITLE, "Clerk", null));
        }

        @Test
        void blankClearingDepartment_isAMoveOutOfTheDepartment() {
            DesiredAccount wanted = ann("ann@contoso.com").withPlacement("Berlin", null)
                    .withPolicy(Field.DEPARTMENT, FieldPolicy.DIRECTORY_BLANK_CLEARS);

            Change change = plan(wanted, Accounts.linked(7, "e1", "ann@contoso.com").build());

            assertThat(change).isInstanceOfSatisfying(Change.Move.class,
                    move -> assertThat(move.toDepartment()).isNull());
        }

        @Test
        void blankClears_plansNothingWhenTheLocalValueIsBlankToo() {
            DesiredAccount wanted = ann("ann@contoso.com").withJobTitle(null)
                    .withPolicy(Field.JOB_TITLE, FieldPolicy.DIRECTORY_BLANK_CLEARS);

            Change change = plan(wanted, Accounts.linked(7, "e1", "ann@contoso.com").jobTitle(" ").build());

            assertThat(change.kind()).isEqualTo(ChangeKind.UNCHANGED);
        }

        @Test
        void blankDesiredValue_neverClearsOnLinkEither() {
            Change change = plan(ann("ann@contoso.com").withName(null, null),
                    Accounts.weak(3, "ann@contoso.com", "Ann", "Contoso").build());

            assertThat(change.diffs()).extracting(FieldDiff::field).doesNotContain(Field.FIRST_NAME, Field.LAST_NAME);
        }
    }
}
