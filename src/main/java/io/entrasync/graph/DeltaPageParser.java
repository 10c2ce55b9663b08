package io.entrasync.graph;

import io.entrasync.source.DirectoryGroup;
import io.entrasync.source.DirectoryUser;
import io.entrasync.source.GroupPage;
import io.entrasync.source.MemberChange;
import io.entrasync.source.RemovedObject;
import io.entrasync.source.UserPage;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.json.JsonFactory;

/**
 * Streaming parse of {@code users/delta} and {@code groups/delta} pages straight into the port's records,
 * without the SDK's typed models (which cost ~60 KB per user). Unknown properties are skipped; a property sent as
 * {@code null} (or an empty list) is recorded as cleared ({@link DirectoryUser#cleared},
 * {@link DirectoryGroup#descriptionCleared}), one left out is not. Throws
 * Jackson's unchecked exceptions on malformed JSON or a broken stream.
 */
final class DeltaPageParser {

    private static final JsonFactory JSON = new JsonFactory();
    private static final String USER_TYPE = "#microsoft.graph.user";
    private static final String GROUP_TYPE = "#microsoft.graph.group";
    private static final DirectoryUser.Attribute[] ATTRIBUTES = DirectoryUser.Attribute.values();

    ParsedPage<UserPage> users(InputStream body) {
        List<DirectoryUser> users = new ArrayList<>();
        List<RemovedObject> removed = new ArrayList<>();
        Links links = readPage(body, parser -> {
            Map<String, Object> fields = readItem(parser, false);
            String id = (String) fields.get("id");
            RemovedObject.Reason reason = (RemovedObject.Reason) fields.get("@removed");
            if (reason != null) {
                removed.add(new RemovedObject(id, reason));
            } else {
                users.add(toUser(id, fields));
            }
        });
        return new ParsedPage<>(new UserPage(users, removed), links.next, links.delta);
    }

    ParsedPage<GroupPage> groups(InputStream body) {
        List<DirectoryGroup> groups = new ArrayList<>();
        List<RemovedObject> removed = new ArrayList<>();
        List<MemberChange> members = new ArrayList<>();
        Links links = readPage(body, parser -> {
            Map<String, Object> fields = readItem(parser, true);
            String id = (String) fields.get("id");
            RemovedObject.Reason reason = (RemovedObject.Reason) fields.get("@removed");
            if (reason != null) {
                removed.add(new RemovedObject(id, reason));
                return;
            }
            groups.add(new DirectoryGroup(id, (String) fields.get("displayName"), (String) fields.get("description"),
                    fields.containsKey("description") && fields.get("description") == null));
            @SuppressWarnings("unchecked")
            List<MemberEntry> entries = (List<MemberEntry>) fields.getOrDefault("members@delta", List.of());
            for (MemberEntry entry : entries) {
                if (entry.type() != null && entry.id() != null) {
                    members.add(new MemberChange(id, entry.id(), entry.type(), entry.removed()));
                }
            }
        });
        return new ParsedPage<>(new GroupPage(groups, removed, members), links.next, links.delta);
    }

    private interface ItemHandler {
        void item(JsonParser parser);
    }

    private static final class Links {
        private String next;
        private String delta;
    }

    private static Links readPage(InputStream body, ItemHandler handler) {
        Links links = new Links();
        try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), body)) {
            expect(parser, parser.nextToken(), JsonToken.START_OBJECT);
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "@odata.nextLink" -> links.next = text(parser, value);
                    case "@odata.deltaLink" -> links.delta = text(parser, value);
                    case "value" -> {
                        expect(parser, value, JsonToken.START_ARRAY);
                        while (parser.nextToken() == JsonToken.START_OBJECT) {
                            handler.item(parser);
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
            expect(parser, parser.currentToken(), JsonToken.END_OBJECT);
        }
        return links;
    }

    /** Reads one item object (parser on its START_OBJECT) into a map of the properties we use. */
    private static Map<String, Object> readItem(JsonParser parser, boolean group) {
        Map<String, Object> fields = new HashMap<>();
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "otherMails", "businessPhones" -> fields.put(name, strings(parser, value));
                case "accountEnabled" -> fields.put(name, value == JsonToken.VALUE_NULL ? null : parser.getBooleanValue());
                case "@removed" -> fields.put(name, removedReason(parser, value));
                case "members@delta" -> {
                    if (group) {
                        fields.put(name, memberEntries(parser, value));
                    } else {
                        parser.skipChildren();
                    }
                }
                default -> {
                    if (value.isScalarValue()) {
                        fields.put(name, text(parser, value));
                    } else {
                        parser.skipChildren();
                    }
                }
            }
        }
        if (!(fields.get("id") instanceof String id) || id.isBlank()) {
            throw new StreamReadException(parser, "delta item without an id");
        }
        return fields;
    }

    private record MemberEntry(String id, MemberChange.MemberType type, boolean removed) {
    }

    private static List<MemberEntry> memberEntries(JsonParser parser, JsonToken value) {
        List<MemberEntry> entries = new ArrayList<>();
        if (value == JsonToken.VALUE_NULL) {
            return entries;
        }
        expect(parser, value, JsonToken.START_ARRAY);
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            String id = null;
            String type = null;
            boolean removed = false;
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                switch (name) {
                    case "id" -> id = text(parser, token);
                    case "@odata.type" -> type = text(parser, token);
                    case "@removed" -> {
                        removed = token != JsonToken.VALUE_NULL;
                        parser.skipChildren();
                    }
                    default -> parser.skipChildren();
                }
            }
            entries.add(new MemberEntry(id, memberType(type), removed));
        }
        return entries;
    }

    private static MemberChange.MemberType memberType(String odataType) {
        if (USER_TYPE.equals(odataType)) {
            return MemberChange.MemberType.USER;
        }
        return GROUP_TYPE.equals(odataType) ? MemberChange.MemberType.GROUP : null;
    }

    private static RemovedObject.Reason removedReason(JsonParser parser, JsonToken value) {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        String reason = null;
        if (value == JsonToken.START_OBJECT) {
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                if ("reason".equals(name)) {
                    reason = text(parser, token);
                } else {
                    parser.skipChildren();
                }
            }
        } else {
            parser.skipChildren();
        }
        return "deleted".equalsIgnoreCase(reason) ? RemovedObject.Reason.DELETED : RemovedObject.Reason.SOFT_DELETED;
    }

    private static List<String> strings(JsonParser parser, JsonToken value) {
        List<String> values = new ArrayList<>();
        if (value == JsonToken.VALUE_NULL) {
            return values;
        }
        expect(parser, value, JsonToken.START_ARRAY);
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == JsonToken.VALUE_STRING) {
                values.add(withoutNul(parser.getString()));
            } else {
                parser.skipChildren();
            }
        }
        return values;
    }

    @SuppressWarnings("unchecked")
    private static DirectoryUser toUser(String id, Map<String, Object> f) {
        return new DirectoryUser(id, (String) f.get("displayName"), (String) f.get("givenName"),
                (String) f.get("surname"), (String) f.get("mail"), (String) f.get("userPrincipalName"),
                (List<String>) f.get("otherMails"), (List<String>) f.get("businessPhones"),
                (String) f.get("mobilePhone"), (String) f.get("department"), (String) f.get("jobTitle"),
                (String) f.get("companyName"), (String) f.get("officeLocation"), (Boolean) f.get("accountEnabled"),
                (String) f.get("userType"), cleared(f));
    }

    /**
     * The attributes the item sent as null or as an empty list: Graph's way of saying a value was removed (an
     * attribute it leaves out is one it did not send). The map holds a key for every property the item carried.
     */
    private static Set<DirectoryUser.Attribute> cleared(Map<String, Object> f) {
        Set<DirectoryUser.Attribute> cleared = null;
        for (DirectoryUser.Attribute attribute : ATTRIBUTES) {
            String name = attribute.graphName();
            Object value = f.get(name);
            if ((value == null || value instanceof List<?> list && list.isEmpty()) && f.containsKey(name)) {
                if (cleared == null) {
                    cleared = EnumSet.noneOf(DirectoryUser.Attribute.class);
                }
                cleared.add(attribute);
            }
        }
        return cleared == null ? Set.of() : cleared;
    }

    private static String text(JsonParser parser, JsonToken value) {
        return value == JsonToken.VALUE_NULL ? null : withoutNul(parser.getString());
    }

    /** PostgreSQL text cannot hold U+0000 (JSON allows it as \\u0000): one such value would fail every run. */
    private static String withoutNul(String text) {
        return text == null || text.indexOf('\u0000') < 0 ? text : text.replace("\u0000", "");
    }

    private static void expect(JsonParser parser, JsonToken actual, JsonToken expected) {
        if (actual != expected) {
            throw new StreamReadException(parser, "expected " + expected + " but found " + actual);
        }
    }
}
