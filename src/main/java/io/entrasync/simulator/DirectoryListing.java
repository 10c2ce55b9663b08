package io.entrasync.simulator;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /v1.0/users} and {@code GET /v1.0/groups} as Graph answers the queries a connection check sends:
 * {@code $top} (1 to 999, default 100), and {@code $filter} with {@code displayName eq '…'}, {@code id eq '…'} or
 * {@code startswith(displayName,'…')} (the connect flow's group picker; a doubled quote inside the literal is one
 * quote, as in OData). Names compare case-insensitively, as Graph's default collation does. Answers the first page
 * only (no nextLink), which is all such a probe reads. Any other filter answers 400 {@code BadRequest}, as Graph does
 * for an unsupported query.
 */
final class DirectoryListing {

    private static final Pattern FILTER = Pattern.compile("\\s*(displayName|id)\\s+eq\\s+'((?:[^']|'')*)'\\s*");
    private static final Pattern STARTS_WITH = Pattern.compile(
            "\\s*startswith\\(\\s*displayName\\s*,\\s*'((?:[^']|'')*)'\\s*\\)\\s*");
    private static final int DEFAULT_TOP = 100;
    private static final int MAX_TOP = 999;

    /** The status and JSON body to answer. */
    record Answer(int status, byte[] body) {
    }

    private DirectoryListing() {
    }

    static Answer users(TenantDirectory directory, Map<String, String> query, String base) {
        Query q = Query.of(query);
        if (q.error() != null) {
            return q.error();
        }
        JsonOut json = new JsonOut(4096).beginObject().field("@odata.context", base + "/v1.0/$metadata#users")
                .name("value").beginArray();
        directory.lock.readLock().lock();
        try {
            int listed = 0;
            for (int u = 0; u < directory.userCount && listed < q.top(); u++) {
                if (directory.isLive(u) && (q.id() == null || q.id().equals(directory.userIds.id(u)))
                        && q.namedLike(q.displayName() == null && q.prefix() == null ? null
                                : UserRenderer.displayName(directory, u))) {
                    UserRenderer.write(json, directory, u);
                    listed++;
                }
            }
        } finally {
            directory.lock.readLock().unlock();
        }
        return new Answer(200, json.endArray().endObject().bytes());
    }

    static Answer groups(TenantDirectory directory, Map<String, String> query, String base) {
        Query q = Query.of(query);
        if (q.error() != null) {
            return q.error();
        }
        JsonOut json = new JsonOut(1024).beginObject().field("@odata.context", base + "/v1.0/$metadata#groups")
                .name("value").beginArray();
        directory.lock.readLock().lock();
        try {
            int listed = 0;
            for (int g = 0; g < directory.groups.size() && listed < q.top(); g++) {
                SimGroup group = directory.groups.get(g);
                String id = directory.groupIds.id(g);
                if (!group.removed && (q.id() == null || q.id().equalsIgnoreCase(id))
                        && q.namedLike(group.name)) {
                    json.beginObject().field("id", id).field("displayName", group.name)
                            .field("description", group.description).endObject();
                    listed++;
                }
            }
        } finally {
            directory.lock.readLock().unlock();
        }
        return new Answer(200, json.endArray().endObject().bytes());
    }

    /**
     * The parsed query: at most {@code top} objects, matching the id, the display name or the display name's
     * beginning when one is given.
     */
    private record Query(int top, String id, String displayName, String prefix, Answer error) {

        /** Whether an object of this display name passes the name filter (null name: no name filter to pass). */
        boolean namedLike(String name) {
            if (displayName != null) {
                return displayName.equalsIgnoreCase(name);
            }
            return prefix == null || name.regionMatches(true, 0, prefix, 0, prefix.length());
        }

        static Query of(Map<String, String> query) {
            int top = DEFAULT_TOP;
            String rawTop = query.get("$top");
            if (rawTop != null) {
                try {
                    top = Integer.parseInt(rawTop.strip());
                } catch (NumberFormatException e) {
                    top = -1;
                }
                if (top < 1 || top > MAX_TOP) {
                    return invalid("Invalid page size specified: '" + rawTop + "'. Must be between 1 and 999 "
                            + "inclusive.");
                }
            }
            String filter = query.get("$filter");
            if (filter == null) {
                return new Query(top, null, null, null, null);
            }
            Matcher startsWith = STARTS_WITH.matcher(filter);
            if (startsWith.matches()) {
                return new Query(top, null, null, startsWith.group(1).replace("''", "'"), null);
            }
            Matcher matcher = FILTER.matcher(filter);
            if (!matcher.matches()) {
                return invalid("Invalid filter clause: the simulator supports displayName eq '…', id eq '…' and "
                        + "startswith(displayName,'…').");
            }
            String literal = matcher.group(2).replace("''", "'");
            return "id".equals(matcher.group(1)) ? new Query(top, literal, null, null, null)
                    : new Query(top, null, literal, null, null);
        }

        private static Query invalid(String message) {
            return new Query(0, null, null, null, new Answer(400, SimulatorHandler.graphError("BadRequest", message)));
        }
    }
}
