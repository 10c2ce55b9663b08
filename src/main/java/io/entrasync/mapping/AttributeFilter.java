package io.entrasync.mapping;

import java.util.List;

/**
 * A scope condition on one user attribute, compared trimmed and case-insensitively. A multi-valued attribute
 * (otherMails, businessPhones) matches when any of its values does. A missing attribute matches only
 * {@link Operator#NOT_IN}.
 *
 * @param attribute one of {@link UserAttributes#NAMES}
 * @param operator  equals (one value), in or notIn (a list)
 * @param values    never empty
 */
public record AttributeFilter(String attribute, Operator operator, List<String> values) {

    /** How {@link #values} are compared. */
    public enum Operator { EQUALS, IN, NOT_IN }

    public AttributeFilter {
        values = List.copyOf(values);
    }

    /** e.g. {@code department in [Sales, IT]}. */
    public String describe() {
        return switch (operator) {
            case EQUALS -> attribute + " equals '" + values.get(0) + "'";
            case IN -> attribute + " in " + values;
            case NOT_IN -> attribute + " notIn " + values;
        };
    }
}
