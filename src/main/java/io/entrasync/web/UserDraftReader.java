package io.entrasync.web;

import io.entrasync.directory.UserDraft;
import io.entrasync.problem.InvalidInputException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads a user body (create or JSON merge-patch) field by field, so a wrong type or an unknown field is
 * answered with the field's name, and a patch can tell "absent" from "null".
 */
final class UserDraftReader {

    private UserDraftReader() {
    }

    static UserDraft read(JsonNode body, boolean patch) {
        if (body == null || !body.isObject()) {
            throw new InvalidInputException(null, "the request body must be a JSON object");
        }
        Set<String> present = new HashSet<>();
        Iterator<Map.Entry<String, JsonNode>> fields = body.properties().iterator();
        while (fields.hasNext()) {
            String name = fields.next().getKey();
            if (!UserDraft.FIELDS.contains(name)) {
                throw new InvalidInputException(name, "unknown field '" + name + "'; known fields: "
                        + String.join(", ", new java.util.TreeSet<>(UserDraft.FIELDS)));
            }
            present.add(name);
        }
        return new UserDraft(number(body, "siteId"), text(body, "firstName"), text(body, "lastName"), text(body, "email"),
                text(body, "phone"), text(body, "mobilePhone"), number(body, "departmentId"), text(body, "jobTitle"),
                text(body, "agentId"), bool(body, "mainSiteUser"), bool(body, "autoTicketDisabled"),
                patch ? present : null);
    }

    /**
     * {@code confirmWeak} of a patch: the admin's explicit "yes" to making a WEAK account main site user. Not a field
     * of the account; false when absent.
     */
    static boolean confirmWeak(JsonNode body) {
        if (body == null || !body.isObject()) {
            return false;
        }
        return Boolean.TRUE.equals(bool(body, "confirmWeak"));
    }

    /** The body without {@code confirmWeak}, for {@link #read}. */
    static JsonNode withoutConfirmWeak(JsonNode body) {
        if (body == null || !body.isObject() || !body.has("confirmWeak")) {
            return body;
        }
        tools.jackson.databind.node.ObjectNode copy = ((tools.jackson.databind.node.ObjectNode) body).deepCopy();
        copy.remove("confirmWeak");
        return copy;
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw new InvalidInputException(field, field + " must be a string");
        }
        return node.asString();
    }

    private static Long number(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new InvalidInputException(field, field + " must be an integer id");
        }
        return node.asLong();
    }

    private static Boolean bool(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw new InvalidInputException(field, field + " must be true or false");
        }
        return node.asBoolean();
    }
}
