package io.entrasync.directory;

/**
 * A user who stopped being its site's main user because of a change: another user became main, or it was
 * deactivated. Named in the change's answer so nothing happens silently.
 *
 * @param name first and last name, or null without one
 */
public record DemotedUser(long id, String email, String name) {

    static DemotedUser of(EndUser user) {
        String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
                + (user.getLastName() == null ? "" : user.getLastName())).strip();
        return new DemotedUser(user.getId(), user.getEmail(), name.isEmpty() ? null : name);
    }
}
