package io.entrasync.simulator;

import java.util.List;

/**
 * Builds one {@code users/delta} or {@code groups/delta} page under the tenant's read lock. A full enumeration
 * lists every live object with all members; a delta lists users changed after {@code since} (current state, or
 * {@code @removed}) and groups with changed properties or exact net {@code members@delta} between {@code since}
 * and the round's snapshot. Users are walked by index and members by sorted key, so pages stay correct while
 * the directory changes between them (anything changed meanwhile shows up again in the next round).
 */
final class DeltaPager {

    static final String USER_TYPE = "#microsoft.graph.user";
    static final String GROUP_TYPE = "#microsoft.graph.group";
    /** Member entries per page, per item of page size (a group's members are split across pages beyond it). */
    static final int MEMBERS_PER_ITEM = 5;

    static final String USER_SELECT = "id,displayName,givenName,surname,mail,userPrincipalName,otherMails,"
            + "businessPhones,mobilePhone,department,jobTitle,companyName,officeLocation,accountEnabled,userType";
    static final String GROUP_SELECT = "id,displayName,description,members";

    private DeltaPager() {
    }

    /** One page's JSON body and the number of items in its {@code value}. */
    record Page(byte[] body, int items) {
    }

    static Page users(TenantDirectory dir, PageToken token, String base) {
        dir.lock.readLock().lock();
        try {
            JsonOut json = new JsonOut(token.pageSize() * 700 + 512);
            json.beginObject().field("@odata.context", base + "/v1.0/$metadata#users(" + USER_SELECT + ")");
            json.name("value").beginArray();
            boolean full = token.since() < 0;
            int user = token.position();
            int items = 0;
            for (; user < dir.userCount && items < token.pageSize(); user++) {
                byte flags = dir.flags[user];
                if (full) {
                    if (dir.isLive(user)) {
                        UserRenderer.write(json, dir, user);
                        items++;
                    }
                } else if (dir.changedAt[user] > token.since()) {
                    if (dir.isLive(user)) {
                        UserRenderer.write(json, dir, user);
                    } else {
                        UserRenderer.writeRemoved(json, USER_TYPE, dir.userId(user), (flags & TenantDirectory.PURGED) != 0);
                    }
                    items++;
                }
            }
            json.endArray();
            finish(json, base, "users", token, user >= dir.userCount ? null
                    : new PageToken("users", token.tenantId(), token.epoch(), token.since(), token.snapshot(), user, -1,
                            token.pageSize()));
            return new Page(json.bytes(), items);
        } finally {
            dir.lock.readLock().unlock();
        }
    }

    static Page groups(TenantDirectory dir, PageToken token, String base) {
        dir.lock.readLock().lock();
        try {
            JsonOut json = new JsonOut(token.pageSize() * 300 + 512);
            json.beginObject().field("@odata.context", base + "/v1.0/$metadata#groups(" + GROUP_SELECT + ")");
            json.name("value").beginArray();
            int groupBudget = token.pageSize();
            int memberBudget = token.pageSize() * MEMBERS_PER_ITEM;
            int g = token.position();
            int afterKey = token.afterKey();
            int items = 0;
            while (g < dir.groups.size() && groupBudget > 0 && memberBudget > 0) {
                SimGroup group = dir.groups.get(g);
                if (group.removed) {
                    // like Graph: a soft-deleted group is absent from a full read, "@removed: changed" in a delta
                    if (token.since() >= 0 && afterKey < 0 && group.version > token.since()) {
                        json.beginObject().field("id", dir.groupId(g)).name("@removed").beginObject()
                                .field("reason", "changed").endObject().endObject();
                        items++;
                        groupBudget--;
                    }
                    g++;
                    afterKey = -1;
                    continue;
                }
                // a group restored since the token comes back with every member (Graph restores its memberships)
                boolean restored = token.since() >= 0 && group.restoredVersion > token.since();
                Members members = restored ? new Members(group.members, group.members.firstAfter(afterKey), null)
                        : members(group, token, afterKey);
                boolean propertiesChanged = token.since() < 0 || afterKey < 0 && group.version > token.since();
                if (members.size() == 0 && !propertiesChanged) {
                    g++;
                    afterKey = -1;
                    continue;
                }
                int sent = Math.min(members.size(), memberBudget);
                writeGroup(json, dir, g, members, sent, token.since() < 0 || restored || members.size() > 0);
                items++;
                groupBudget--;
                memberBudget -= sent;
                if (sent < members.size()) {
                    afterKey = members.key(sent - 1);
                    break;
                }
                g++;
                afterKey = -1;
            }
            json.endArray();
            finish(json, base, "groups", token, g >= dir.groups.size() ? null
                    : new PageToken("groups", token.tenantId(), token.epoch(), token.since(), token.snapshot(), g,
                            afterKey, token.pageSize()));
            return new Page(json.bytes(), items);
        } finally {
            dir.lock.readLock().unlock();
        }
    }

    private static void writeGroup(JsonOut json, TenantDirectory dir, int g, Members members, int count,
            boolean withMembers) {
        SimGroup group = dir.groups.get(g);
        json.beginObject().field("id", dir.groupId(g)).field("displayName", group.name)
                .field("description", group.description);
        if (withMembers) {
            json.name("members@delta").beginArray();
            for (int i = 0; i < count; i++) {
                int key = members.key(i);
                boolean isGroup = SimGroup.isGroupKey(key);
                String id = isGroup ? dir.groupId(SimGroup.indexOf(key)) : dir.userId(SimGroup.indexOf(key));
                json.beginObject().field("@odata.type", isGroup ? GROUP_TYPE : USER_TYPE).field("id", id);
                if (!members.added(i)) {
                    json.name("@removed").beginObject().field("reason", "deleted").endObject();
                }
                json.endObject();
            }
            json.endArray();
        }
        json.endObject();
    }

    private static void finish(JsonOut json, String base, String resource, PageToken token, PageToken next) {
        if (next != null) {
            json.field("@odata.nextLink", base + "/v1.0/" + resource + "/delta?$skiptoken=" + next.encode());
        } else {
            PageToken end = new PageToken(resource, token.tenantId(), token.epoch(), token.snapshot(), token.snapshot(),
                    0, -1, token.pageSize());
            json.field("@odata.deltaLink", base + "/v1.0/" + resource + "/delta?$deltatoken=" + end.encode());
        }
        json.endObject();
    }

    /** The member entries still to send for a group: all current members, or the net changes of a delta. */
    private static Members members(SimGroup group, PageToken token, int afterKey) {
        if (token.since() < 0) {
            return new Members(group.members, group.members.firstAfter(afterKey), null);
        }
        List<Long> changes = group.netChanges(token.since(), token.snapshot());
        int from = 0;
        while (from < changes.size() && (int) (changes.get(from) >> 1) <= afterKey) {
            from++;
        }
        return new Members(null, from, changes);
    }

    /** A view of either a group's current members or its net changes, from an offset. */
    private static final class Members {
        private final IntList current;
        private final int from;
        private final List<Long> changes;

        Members(IntList current, int from, List<Long> changes) {
            this.current = current;
            this.from = from;
            this.changes = changes;
        }

        int size() {
            return (current != null ? current.size() : changes.size()) - from;
        }

        int key(int i) {
            return current != null ? current.get(from + i) : (int) (changes.get(from + i) >> 1);
        }

        boolean added(int i) {
            return current != null || (changes.get(from + i) & 1) == 1;
        }
    }
}
