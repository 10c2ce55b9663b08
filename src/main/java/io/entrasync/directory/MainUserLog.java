package io.entrasync.directory;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The record of main site user changes ({@code main_site_user_change}): who became or stopped being a site's main
 * user, through which door, and whom a demotion made way for. Written in the caller's transaction, so a change and
 * its record commit together.
 */
@Component
public class MainUserLog {

    /** The ways a main site user changes. */
    public enum Door { API, CSV, DEACTIVATION, SYNC }

    /**
     * One recorded change: the user ({@code email}, {@code name}: its current ones) became main ({@code main}) or
     * stopped being main; {@code replacedBy} is the user that took the flag (for a demotion), else null.
     */
    public record Entry(long id, long siteId, long userId, String email, String name, boolean main, String door,
                        String reason, Long replacedBy, Instant changedAt) {
    }

    private final JdbcTemplate jdbc;

    MainUserLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void record(long siteId, long userId, boolean main, Door door, String reason, Long replacedBy) {
        jdbc.update("insert into main_site_user_change (id, site_id, user_id, main, door, reason, replaced_by, changed_at) "
                        + "values (nextval('main_site_user_change_seq'), ?, ?, ?, ?, ?, ?, ?)", siteId, userId, main,
                door.name(), reason.length() > 1000 ? reason.substring(0, 997) + "..." : reason, replacedBy,
                Timestamp.from(Instant.now()));
    }

    /** A site's recorded changes, newest first, at most {@code limit}. */
    public List<Entry> ofSite(long siteId, int limit) {
        return jdbc.query("select c.id, c.site_id, c.user_id, u.email, u.first_name, u.last_name, c.main, c.door, c.reason, "
                + "c.replaced_by, c.changed_at from main_site_user_change c join end_user u on u.id = c.user_id "
                + "where c.site_id = ? order by c.id desc fetch first " + Math.max(1, limit) + " rows only",
                (rs, i) -> new Entry(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
                        name(rs.getString(5), rs.getString(6)), rs.getBoolean(7), rs.getString(8), rs.getString(9),
                        (Long) rs.getObject(10, Long.class), rs.getTimestamp(11).toInstant()), siteId);
    }

    private static String name(String first, String last) {
        String name = ((first == null ? "" : first) + " " + (last == null ? "" : last)).strip();
        return name.isEmpty() ? null : name;
    }
}
