package io.entrasync.simulator;

import java.util.List;
import java.util.Optional;

/**
 * The people of the demo's sign-in, one per role of entra-sync (named in the README). Not accounts of the simulated
 * Graph directory: they sign in to the admin page, they are not synced.
 */
final class DemoUsers {

    /** A demo user: the login shown on the sign-in page, a display name, the app roles in their tokens. */
    record DemoUser(String login, String name, List<String> roles) {

        /** A stable object id, as Entra's {@code oid}. */
        String oid() {
            return "demo-" + login.substring(0, login.indexOf('@'));
        }
    }

    static final List<DemoUser> ALL = List.of(
            new DemoUser("reader@demo", "Rita Reader", List.of("EntraSync.Reader")),
            new DemoUser("operator@demo", "Otto Operator", List.of("EntraSync.Operator")),
            new DemoUser("approver@demo", "Anna Approver", List.of("EntraSync.Approver")),
            new DemoUser("admin@demo", "Adam Admin", List.of("EntraSync.Admin")));

    private DemoUsers() {
    }

    static Optional<DemoUser> byLogin(String login) {
        return ALL.stream().filter(u -> u.login().equals(login)).findFirst();
    }
}
