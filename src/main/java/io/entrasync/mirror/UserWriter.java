package io.entrasync.mirror;

import io.entrasync.source.DirectoryUser;
import io.entrasync.source.RemovedObject;
import io.entrasync.source.UserPage;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Applies one {@link UserPage}: one select of the page's stored rows, then batched inserts for new users, batched
 * full updates for users whose merged state changed, and one {@code IN}-list update of {@code last_seen_run} for
 * the unchanged rest. Re-applying a page writes nothing but {@code last_seen_run}.
 */
final class UserWriter {

    private static final String TOUCH = "update mirror_user set last_seen_run = :run"
            + " where tenant = :tenant and id in (:ids) and last_seen_run <> :run";

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final UserReader reader;
    private final Clock clock;

    UserWriter(JdbcTemplate jdbc, UserReader reader, Clock clock) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.reader = reader;
        this.clock = clock;
    }

    Set<String> apply(String tenant, long runId, UserPage page) {
        Map<String, DirectoryUser> items = new LinkedHashMap<>();
        for (DirectoryUser user : page.users()) {
            items.merge(user.id(), user, UserMerge::then);
        }
        Map<String, RemovedObject> removals = new LinkedHashMap<>();
        page.removed().forEach(r -> removals.put(r.id(), r));
        Set<String> touched = new LinkedHashSet<>(items.keySet());
        touched.addAll(removals.keySet());
        if (touched.isEmpty()) {
            return touched;
        }
        Map<String, MirrorUser> stored = new HashMap<>();
        reader.users(tenant, touched).forEach(u -> stored.put(u.id(), u));

        Plan plan = new Plan();
        for (String id : touched) {
            MirrorUser before = stored.get(id);
            plan.add(before, after(id, runId, before, items.get(id), removals.get(id)));
        }
        plan.write(tenant, runId);
        return touched;
    }

    /**
     * The state after the page: the item applied as a delta ({@link UserMerge#over}), and a removal in the same page
     * wins over an upsert.
     */
    static MirrorUser after(String id, long runId, MirrorUser before, DirectoryUser item,
            RemovedObject removal) {
        DirectoryUser user = before == null ? UserRows.tombstone(id) : before.user();
        if (item != null) {
            user = UserMerge.over(user, item);
        }
        return state(user, runId, removal);
    }

    static MirrorUser state(DirectoryUser user, long runId, RemovedObject removal) {
        return removal == null
                ? new MirrorUser(user, false, null, runId, null)
                : new MirrorUser(user, true, removal.reason(), runId, null);
    }

    /** Whether the state after a page differs from what is stored (attributes or removal). */
    static boolean changed(MirrorUser before, MirrorUser after) {
        return before.removed() != after.removed()
                || !Objects.equals(before.removedReason(), after.removedReason())
                || !before.user().equals(after.user());
    }

    private final class Plan {
        private final List<MirrorUser> inserts = new ArrayList<>();
        private final List<MirrorUser> updates = new ArrayList<>();
        private final List<String> unchanged = new ArrayList<>();

        void add(MirrorUser before, MirrorUser after) {
            if (before == null) {
                inserts.add(after);
            } else if (changed(before, after)) {
                updates.add(after);
            } else {
                unchanged.add(after.id());
            }
        }

        void write(String tenant, long runId) {
            OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
            if (!inserts.isEmpty()) {
                jdbc.batchUpdate(UserRows.INSERT,
                        inserts.stream().map(u -> UserRows.insertArgs(tenant, u, now)).toList(),
                        UserRows.INSERT_TYPES);
            }
            if (!updates.isEmpty()) {
                jdbc.batchUpdate(UserRows.UPDATE,
                        updates.stream().map(u -> UserRows.updateArgs(tenant, u, now)).toList(),
                        UserRows.UPDATE_TYPES);
            }
            for (List<String> ids : Chunks.of(unchanged)) {
                named.update(TOUCH, new MapSqlParameterSource("tenant", tenant).addValue("run", runId)
                        .addValue("ids", ids));
            }
        }
    }
}
