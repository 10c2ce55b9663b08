package io.entrasync.mapping;

/**
 * Who owns a field after the account exists, and whether a blank directory value erases it.
 *
 * @param owner       {@link Owner#DIRECTORY} (default): the directory's value is applied on every run;
 *                    {@link Owner#HELPDESK}: the directory's value is used only when the account is created
 * @param blankClears true (default): a blank directory value (the attribute removed in Entra, or never set) blanks
 *                    the account's value, so a directory-owned field follows the directory; false: a blank
 *                    directory value leaves the account's value alone (only meaningful for directory-owned fields)
 */
public record FieldPolicy(Owner owner, boolean blankClears) {

    public static final FieldPolicy DEFAULT = new FieldPolicy(Owner.DIRECTORY, true);

    /** Which side wins for a field. */
    public enum Owner { DIRECTORY, HELPDESK }

    /** True when the sync should write {@code directoryValue} over the helpdesk's on an update. */
    public boolean overwritesOnUpdate(String directoryValue) {
        if (owner == Owner.HELPDESK) {
            return false;
        }
        return (directoryValue != null && !directoryValue.isBlank()) || blankClears;
    }
}
