package io.entrasync.simulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One simulated group: its current members as sorted keys ({@link #userKey}, {@link #groupKey}) and a log of
 * membership events ({@code version << 32 | added << 31 | key}) after generation, from which exact
 * {@code members@delta} between two versions are computed. Guarded by the tenant's lock.
 */
final class SimGroup {

    String name;
    final String description;
    final IntList members;
    final LongList events = new LongList();
    /** The version of the last change of the group's properties (name, removal, restore). */
    int version;
    /** In the recycle bin: left out of full reads, {@code @removed} in deltas; its members are kept for a restore. */
    boolean removed;
    /** The version of the last restore, -1 if never restored: a delta across it lists every member again. */
    int restoredVersion = -1;

    SimGroup(String name, String description, int expectedMembers) {
        this.name = name;
        this.description = description;
        this.members = new IntList(expectedMembers);
    }

    static int userKey(int user) {
        return user << 1;
    }

    static int groupKey(int group) {
        return (group << 1) | 1;
    }

    static boolean isGroupKey(int key) {
        return (key & 1) == 1;
    }

    static int indexOf(int key) {
        return key >>> 1;
    }

    boolean add(int key, int atVersion) {
        if (members.addSorted(key)) {
            events.add(((long) atVersion << 32) | 0x80000000L | key);
            return true;
        }
        return false;
    }

    boolean remove(int key, int atVersion) {
        if (members.removeSorted(key)) {
            events.add(((long) atVersion << 32) | key);
            return true;
        }
        return false;
    }

    /**
     * Members added or removed between two versions, sorted by key: only members whose state at {@code until}
     * differs from their state at {@code since}. Each entry is {@code key << 1 | added}.
     */
    List<Long> netChanges(int since, int until) {
        Map<Integer, boolean[]> firstAndLast = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            long event = events.get(i);
            int version = (int) (event >>> 32);
            if (version <= since || version > until) {
                continue;
            }
            int key = (int) (event & 0x7FFFFFFFL);
            boolean added = (event & 0x80000000L) != 0;
            boolean[] states = firstAndLast.get(key);
            if (states == null) {
                firstAndLast.put(key, new boolean[] {!added, added});
            } else {
                states[1] = added;
            }
        }
        List<Long> changes = new ArrayList<>();
        firstAndLast.forEach((key, states) -> {
            if (states[0] != states[1]) {
                changes.add(((long) key << 1) | (states[1] ? 1 : 0));
            }
        });
        changes.sort(null);
        return changes;
    }

    /** Forgets events at or before {@code version} (no delta token can ask for them any more). */
    void dropEventsUpTo(int version) {
        int drop = 0;
        while (drop < events.size() && (int) (events.get(drop) >>> 32) <= version) {
            drop++;
        }
        if (drop > 0) {
            events.dropFirst(drop);
        }
    }
}
