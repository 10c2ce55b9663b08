package io.entrasync.mirror;

import io.entrasync.source.DirectoryUser;
import io.entrasync.source.GroupPage;
import io.entrasync.source.RemovedObject;
import io.entrasync.source.UserPage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A full enumeration being read into the mirror: its pages are staged as they arrive ({@link #users},
 * {@link #groups}) and merged into the mirror once, set-based, by {@link #finish}. Until then the mirror is
 * unchanged.
 *
 * <p>A user or group the enumeration lists is what its items say, an attribute none of them carries included: that
 * attribute is empty afterwards (Graph leaves out what an object has no value for). An object mentioned twice ends
 * as the merge of its items (the later item wins per attribute, null included; an attribute the later one does not
 * carry keeps the earlier item's value), a removal
 * in a page wins over an item in the same page, the last page mentioning an object decides whether it is removed,
 * and the last change of a membership decides whether it exists. What the enumeration did not mention: memberships
 * are dropped, groups are marked removed ({@code NOT_SEEN}, their edges dropped), users are reported by
 * {@link #finish} (a missing user is no proof it is gone). Rows the enumeration left as they were are not written
 * at all, so their {@code last_seen_run} keeps the run that last changed them.
 *
 * <p>Use it from the thread and inside the transaction that {@link DirectoryMirror#beginFullRead} ran in: the
 * staging tables belong to that transaction's connection. Not thread-safe.
 */
public final class FullRead {

    private static final Logger log = LoggerFactory.getLogger(FullRead.class);

    private final String tenant;
    private final long runId;
    private final Staging staging;
    private final FullUserMerge users;
    private final FullGroupMerge groups;
    private final CustomPlans customPlans;
    private int page;

    FullRead(String tenant, long runId, Staging staging, FullUserMerge users, FullGroupMerge groups,
            CustomPlans customPlans) {
        this.tenant = tenant;
        this.runId = runId;
        this.staging = staging;
        this.users = users;
        this.groups = groups;
        this.customPlans = customPlans;
    }

    /** Stages a page of users and removed users. */
    public void users(UserPage userPage) {
        page++;
        Map<String, DirectoryUser> items = new LinkedHashMap<>();
        for (DirectoryUser user : userPage.users()) {
            items.merge(user.id(), user, UserMerge::then);
        }
        Map<String, RemovedObject> removals = new LinkedHashMap<>();
        userPage.removed().forEach(r -> removals.put(r.id(), r));
        Set<String> ids = new LinkedHashSet<>(items.keySet());
        ids.addAll(removals.keySet());
        List<Object[]> rows = new ArrayList<>(ids.size());
        for (String id : ids) {
            rows.add(FullUserMerge.stagedRow(page, id, items.get(id), removals.get(id)));
        }
        staging.users(rows);
    }

    /** Stages a page of groups, removed groups and membership changes. */
    public void groups(GroupPage groupPage) {
        page++;
        List<Object[]> rows = groups.stage(page, groupPage);
        staging.memberships(rows);
    }

    /**
     * Merges what the pages said into the mirror.
     *
     * @return the users the mirror holds not removed that no page mentioned, ordered by id
     */
    public List<String> finish() {
        customPlans.forThisTransaction();
        long start = System.nanoTime();
        groups.finish(tenant, runId);
        long groupsDone = System.nanoTime();
        List<String> notSeen = users.finish(tenant, runId);
        log.debug("full read {} of tenant '{}': {} pages merged, groups and memberships in {} ms, users in {} ms",
                runId, tenant, page, (groupsDone - start) / 1_000_000, (System.nanoTime() - groupsDone) / 1_000_000);
        return notSeen;
    }
}
