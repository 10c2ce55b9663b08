package io.entrasync.mapping;

/**
 * Why the engine decided what it did, step by step, for {@code GET /api/users/{id}/explain}. A step the
 * evaluation did not reach (for example the site of a user out of scope) is null.
 */
public record Explanation(Decision scope, Decision site, Decision department, Decision mainSiteUser, Decision tickets) {

    /**
     * One step's outcome.
     *
     * @param rule  the deciding rule's path in the file ({@code sites[2]}, {@code scope.groups[0]}), or null when
     *              no rule decided (a default applied)
     * @param index the rule's position in its list, -1 when {@code rule} is null or not a list entry
     * @param text  human-readable, e.g. "member of 'Berlin Office' (sites[0]) → site 'Berlin'"
     */
    public record Decision(String rule, int index, String text) {

        static Decision byRule(String list, int index, String text) {
            return new Decision(list + "[" + index + "]", index, text);
        }

        static Decision byDefault(String text) {
            return new Decision(null, -1, text);
        }
    }

    static Explanation scopeOnly(Decision scope) {
        return new Explanation(scope, null, null, null, null);
    }
}
