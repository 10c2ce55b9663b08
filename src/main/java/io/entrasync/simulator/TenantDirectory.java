package io.entrasync.simulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One simulated tenant's directory, stored compactly: per user only an edit generation, the version of its last
 * change and a few flags (every attribute is derived from the seed, the index and the generation); per group the
 * sorted member keys and a membership event log. Each batch of changes is one version; delta tokens carry
 * versions. Readers and writers go through {@link #lock}.
 */
public final class TenantDirectory {

    static final byte ENABLED = 1;
    static final byte GUEST = 2;
    static final byte SOFT_DELETED = 4;
    static final byte PURGED = 8;

    static final int F_TEAM = 1;
    static final int F_JOB = 2;
    static final int F_PHONE = 3;
    static final int F_MOBILE = 4;
    static final int F_GUEST = 5;
    static final int F_DISABLED = 6;
    static final int F_SCOPE = 7;
    static final int F_SITE_DIRECT = 8;
    static final int F_ADMIN = 9;
    static final int F_NO_TICKETS = 10;
    static final int F_PROJECTS = 11;
    static final int F_PROJECT_START = 12;
    static final int F_GIVEN = 13;
    static final int F_SURNAME = 14;
    static final int F_CLEARED = 15;

    final String tenantId;
    final DirectoryShape shape;
    final DirectoryLayout layout;
    final ObjectIds userIds;
    final ObjectIds groupIds;
    /** Changes on every restart of the simulator, so delta tokens of an earlier run answer 400 syncStateNotFound. */
    final int epoch;
    final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    final List<SimGroup> groups;
    /** Group memberships of soft-deleted users, given back on restore. */
    final Map<Integer, int[]> parkedMemberships = new HashMap<>();

    int[] generation;
    int[] changedAt;
    byte[] flags;
    int userCount;
    int version;
    int oldestValidVersion;

    TenantDirectory(String tenantId, DirectoryShape shape) {
        this.tenantId = tenantId;
        this.shape = shape;
        this.layout = new DirectoryLayout(shape);
        long salt = Hash.mix(shape.seed() ^ tenantId.hashCode());
        this.userIds = new ObjectIds(salt ^ 0x5555L);
        this.groupIds = new ObjectIds(Hash.mix(salt) ^ 0xAAAAL);
        this.epoch = ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
        int capacity = Math.max(16, shape.users());
        generation = new int[capacity];
        changedAt = new int[capacity];
        flags = new byte[capacity];
        int perGroup = (int) Math.min(Integer.MAX_VALUE - 8, 5L * shape.users() / shape.groups() + 4);
        List<SimGroup> list = new ArrayList<>(shape.groups());
        for (int g = 0; g < shape.groups(); g++) {
            list.add(new SimGroup(layout.groupNames[g], layout.descriptions[g], perGroup));
        }
        this.groups = Collections.unmodifiableList(list);
        generate();
    }

    private void generate() {
        for (int g = 0; g < groups.size(); g++) {
            int parent = layout.parent(g);
            if (parent >= 0) {
                groups.get(parent).members.add(SimGroup.groupKey(g));
            }
        }
        for (int u = 0; u < shape.users(); u++) {
            int user = newUserSlot();
            for (int group : initialGroups(user)) {
                groups.get(group).members.add(SimGroup.userKey(user));
            }
        }
        for (SimGroup group : groups) {
            group.members.sort();
            group.members.trimToSize();
        }
    }

    /** Appends a user with its generated flags; the caller adds its memberships. */
    int newUserSlot() {
        if (userCount == DirectoryShape.MAX_USERS) {
            throw new IllegalStateException("tenant " + tenantId + " is full");
        }
        if (userCount == flags.length) {
            int capacity = Math.min(DirectoryShape.MAX_USERS, flags.length + (flags.length >> 1) + 16);
            generation = java.util.Arrays.copyOf(generation, capacity);
            changedAt = java.util.Arrays.copyOf(changedAt, capacity);
            flags = java.util.Arrays.copyOf(flags, capacity);
        }
        int user = userCount++;
        byte f = 0;
        if (pick(user, 0, F_GUEST, 100) < 3) {
            f |= GUEST;
        }
        if (pick(user, 0, F_DISABLED, 100) >= 4) {
            f |= ENABLED;
        }
        flags[user] = f;
        return user;
    }

    /** The groups a user starts in (about five): a team, maybe its site directly, admins, no-tickets, projects. */
    int[] initialGroups(int user) {
        int[] result = new int[10];
        int n = 0;
        int team = pick(user, 0, F_TEAM, layout.teamCount);
        if (pick(user, 0, F_SCOPE, 100) >= 8) {
            result[n++] = layout.firstTeam + team;
            if (pick(user, 0, F_SITE_DIRECT, 100) < 10) {
                result[n++] = DirectoryLayout.FIRST_SITE + layout.teamSite(team);
            }
        }
        if (pick(user, 0, F_ADMIN, 100) < 2) {
            result[n++] = DirectoryLayout.SITE_ADMINS;
        }
        if (pick(user, 0, F_NO_TICKETS, 100) < 3) {
            result[n++] = DirectoryLayout.NO_AUTO_TICKETS;
        }
        int projects = Math.min(layout.projectCount, 2 + pick(user, 0, F_PROJECTS, 4));
        int start = pick(user, 0, F_PROJECT_START, layout.projectCount);
        for (int p = 0; p < projects; p++) {
            result[n++] = layout.firstProject + (start + p) % layout.projectCount;
        }
        return java.util.Arrays.copyOf(result, n);
    }

    int pick(int user, int gen, int field, int bound) {
        return Hash.pick(shape.seed(), user, gen, field, bound);
    }

    boolean isLive(int user) {
        return (flags[user] & (SOFT_DELETED | PURGED)) == 0;
    }

    public String tenantId() {
        return tenantId;
    }

    public DirectoryShape shape() {
        return shape;
    }

    /** The Entra object id of the user at this index (0-based, in creation order). */
    public String userId(int index) {
        return userIds.id(index);
    }

    public String groupId(int index) {
        return groupIds.id(index);
    }

    /** The index of the group with this display name, or -1. */
    public int groupIndex(String displayName) {
        for (int g = 0; g < groups.size(); g++) {
            if (groups.get(g).name.equals(displayName)) {
                return g;
            }
        }
        return -1;
    }

    /** A consistent snapshot of the directory's counts. */
    public Stats stats() {
        lock.readLock().lock();
        try {
            int live = 0;
            int guests = 0;
            int disabled = 0;
            for (int u = 0; u < userCount; u++) {
                if (isLive(u)) {
                    live++;
                    guests += (flags[u] & GUEST) != 0 ? 1 : 0;
                    disabled += (flags[u] & ENABLED) == 0 ? 1 : 0;
                }
            }
            long userMemberships = 0;
            long groupMemberships = 0;
            for (SimGroup group : groups) {
                for (int i = 0; i < group.members.size(); i++) {
                    if (SimGroup.isGroupKey(group.members.get(i))) {
                        groupMemberships++;
                    } else {
                        userMemberships++;
                    }
                }
            }
            return new Stats(live, guests, disabled, groups.size(), userMemberships, groupMemberships, version);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Counts of the directory as a full enumeration would list them.
     *
     * @param users            users that are not deleted (including guests and disabled ones)
     * @param userMemberships  direct user-in-group memberships
     * @param groupMemberships group-in-group memberships (nesting)
     * @param version          the version of the last applied change batch (0 = as generated)
     */
    public record Stats(int users, int guests, int disabled, int groups, long userMemberships, long groupMemberships,
            int version) {
    }
}
