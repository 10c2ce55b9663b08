package io.entrasync.reconcile;

/** Test data: desired accounts matching {@link Accounts}' defaults. */
final class Wanted {

    private Wanted() {
    }

    /** Ann Lee in Berlin / Sales, the same values as a default {@link Accounts} account. */
    static DesiredAccount ann(String email) {
        return DesiredAccount.of(email, "Berlin")
                .withName("Ann", "Lee")
                .withPhones("+49 30 1", "+49 170 1")
                .withJobTitle("Clerk")
                .withPlacement("Berlin", "Sales");
    }

    static Desired.Present present(String externalId, DesiredAccount account) {
        return new Desired.Present(externalId, account);
    }
}
