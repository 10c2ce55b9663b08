package io.entrasync.web;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Says what is wrong with a JSON body in the API's words: the field path ({@code emailDomains[0]}) and what the
 * field takes ("must be one of DELTA, FULL", "must be a number"), never a Java type name.
 */
final class JsonProblems {

    /** What the caller is told: the detail and the field (null for a body that is not JSON at all). */
    record Described(String detail, String field) {
    }

    private JsonProblems() {
    }

    static Described describe(JacksonException e) {
        String field = path(e);
        if (e instanceof UnrecognizedPropertyException unknown) {
            String known = unknown.getKnownPropertyIds() == null ? "" : "; known fields: " + unknown.getKnownPropertyIds()
                    .stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
            return new Described("unknown field '" + unknown.getPropertyName() + "'" + known, field);
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null && !field.isEmpty()) {
            return new Described(field + " " + expectation(mismatch.getTargetType()), field);
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return new Described("the request body must be a JSON object", null);
        }
        if (e instanceof StreamReadException) {
            return new Described("the request body is not valid JSON: " + plain(e.getOriginalMessage()),
                    field.isEmpty() ? null : field);
        }
        return new Described(field.isEmpty() ? "the request body does not have the expected shape"
                : field + " has the wrong type", field.isEmpty() ? null : field);
    }

    /** "must be ..." for a target type, in JSON terms. */
    static String expectation(Class<?> type) {
        if (type.isEnum()) {
            return "must be one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf)
                    .collect(Collectors.joining(", ")) + " (case-insensitive)";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
            return "must be an integer";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "must be a number";
        }
        if (type == String.class || CharSequence.class.isAssignableFrom(type)) {
            return "must be a string";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "must be an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "must be an object";
        }
        return "has the wrong type";
    }

    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** Jackson's parser messages are about characters and markers; any class name in them is cut. */
    private static String plain(String message) {
        if (message == null) {
            return "malformed";
        }
        String first = message.lines().findFirst().orElse("malformed");
        return first.replaceAll("`[^`]*`", "a value").replaceAll("\\b(?:java|tools|io|org)\\.[\\w.$]+", "a value");
    }
}
