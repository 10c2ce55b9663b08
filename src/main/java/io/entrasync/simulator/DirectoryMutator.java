package io.entrasync.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Applies a {@link ChangePlan} to a directory as one new version, stamping every changed object with it. */
final class DirectoryMutator {

    private static final int ATTEMPTS = 64;
    /** Restores and purges first, so a batch never restores the user it soft-deletes. */
    private static final ChangeKind[] ORDER = {ChangeKind.EDIT, ChangeKind.MOVE, ChangeKind.DISABLE, ChangeKind.ENABLE,
        ChangeKind.RESTORE, ChangeKind.PURGE, ChangeKind.SOFT_DELETE, ChangeKind.ADD};

    private DirectoryMutator() {
    }

    static AppliedChanges apply(TenantDirectory dir, ChangePlan plan, Random random) {
        dir.lock.writeLock().lock();
        try {
            int v = ++dir.version;
            List<AppliedChanges.Change> applied = new ArrayList<>();
            for (ChangeKind kind : ORDER) {
                for (int n = 0; n < plan.count(kind); n++) {
                    AppliedChanges.Change change = applyOne(dir, kind, v, random);
                    if (change != null) {
                        applied.add(change);
                    }
                }
            }
            return new AppliedChanges(v, applied);
        } finally {
            dir.lock.writeLock().unlock();
        }
    }

    private static AppliedChanges.Change applyOne(TenantDirectory dir, ChangeKind kind, int v, Random random) {
        switch (kind) {
            case MOVE:
                return move(dir, v, random);
            case RESTORE:
                return restore(dir, v, random);
            case PURGE:
                return purge(dir, v, random);
            case ADD:
                return add(dir, v);
            default:
                break;
        }
        int user = randomUser(dir, random, kind);
        if (user < 0) {
            return null;
        }
        switch (kind) {
            case EDIT -> dir.generation[user]++;
            case DISABLE -> dir.flags[user] &= ~TenantDirectory.ENABLED;
            case ENABLE -> dir.flags[user] |= TenantDirectory.ENABLED;
            case SOFT_DELETE -> softDelete(dir, user, v);
            default -> throw new IllegalStateException("unexpected " + kind);
        }
        dir.changedAt[user] = v;
        return new AppliedChanges.Change(kind, dir.userId(user), null, null);
    }

    /** A live user fit for the change (enabled for DISABLE, disabled for ENABLE), or -1. */
    private static int randomUser(TenantDirectory dir, Random random, ChangeKind kind) {
        if (dir.userCount == 0) {
            return -1;
        }
        for (int attempt = 0; attempt < ATTEMPTS * 4; attempt++) {
            int user = random.nextInt(dir.userCount);
            boolean enabled = (dir.flags[user] & TenantDirectory.ENABLED) != 0;
            if (dir.isLive(user) && (kind != ChangeKind.DISABLE || enabled) && (kind != ChangeKind.ENABLE || !enabled)) {
                return user;
            }
        }
        return -1;
    }

    private static AppliedChanges.Change move(TenantDirectory dir, int v, Random random) {
        DirectoryLayout layout = dir.layout;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int from = layout.firstTeam + random.nextInt(layout.teamCount);
            SimGroup source = dir.groups.get(from);
            if (source.members.size() == 0 || layout.teamCount < 2) {
                continue;
            }
            int key = source.members.get(random.nextInt(source.members.size()));
            int to = layout.firstTeam + random.nextInt(layout.teamCount);
            if (to == from || SimGroup.isGroupKey(key) || dir.groups.get(to).members.containsSorted(key)) {
                continue;
            }
            source.remove(key, v);
            dir.groups.get(to).add(key, v);
            return new AppliedChanges.Change(ChangeKind.MOVE, dir.userId(SimGroup.indexOf(key)), dir.groupId(from),
                    dir.groupId(to));
        }
        return null;
    }

    private static void softDelete(TenantDirectory dir, int user, int v) {
        int key = SimGroup.userKey(user);
        int[] memberOf = new int[8];
        int n = 0;
        for (int g = 0; g < dir.groups.size(); g++) {
            if (dir.groups.get(g).remove(key, v)) {
                if (n == memberOf.length) {
                    memberOf = java.util.Arrays.copyOf(memberOf, n * 2);
                }
                memberOf[n++] = g;
            }
        }
        dir.parkedMemberships.put(user, java.util.Arrays.copyOf(memberOf, n));
        dir.flags[user] |= TenantDirectory.SOFT_DELETED;
    }

    private static AppliedChanges.Change restore(TenantDirectory dir, int v, Random random) {
        Integer user = anyParked(dir, random);
        if (user == null) {
            return null;
        }
        for (int g : dir.parkedMemberships.remove(user)) {
            dir.groups.get(g).add(SimGroup.userKey(user), v);
        }
        dir.flags[user] &= ~TenantDirectory.SOFT_DELETED;
        dir.changedAt[user] = v;
        return new AppliedChanges.Change(ChangeKind.RESTORE, dir.userId(user), null, null);
    }

    private static AppliedChanges.Change purge(TenantDirectory dir, int v, Random random) {
        Integer user = anyParked(dir, random);
        if (user == null) {
            return null;
        }
        dir.parkedMemberships.remove(user);
        dir.flags[user] = (byte) ((dir.flags[user] & ~TenantDirectory.SOFT_DELETED) | TenantDirectory.PURGED);
        dir.changedAt[user] = v;
        return new AppliedChanges.Change(ChangeKind.PURGE, dir.userId(user), null, null);
    }

    private static Integer anyParked(TenantDirectory dir, Random random) {
        if (dir.parkedMemberships.isEmpty()) {
            return null;
        }
        List<Integer> parked = new ArrayList<>(dir.parkedMemberships.keySet());
        parked.sort(null);
        return parked.get(random.nextInt(parked.size()));
    }

    private static AppliedChanges.Change add(TenantDirectory dir, int v) {
        int user = dir.newUserSlot();
        for (int g : dir.initialGroups(user)) {
            dir.groups.get(g).add(SimGroup.userKey(user), v);
        }
        dir.changedAt[user] = v;
        return new AppliedChanges.Change(ChangeKind.ADD, dir.userId(user), null, null);
    }
}
