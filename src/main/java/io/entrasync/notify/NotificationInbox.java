package io.entrasync.notify;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The {@code notification_inbox} rows: what the webhook accepted, kept until a replica has processed it. The webhook
 * writes one request's entries with one statement; processing claims a slice (a claim older than {@link #CLAIM_TIMEOUT}
 * belongs to a replica that stopped and is taken over), reads it and deletes it when done, so every entry is processed
 * at least once, by one replica at a time.
 */
@Component
class NotificationInbox {

    /** What an entry asks for. */
    enum Kind { CHANGE, LIFECYCLE, REFUSED }

    /**
     * One entry: the items of one request that named one subscription, of one kind.
     *
     * @param lifecycleEvent for LIFECYCLE only
     * @param notifications  how many items it stands for
     */
    record Entry(String tenant, String subscriptionId, Kind kind, String lifecycleEvent, int notifications,
                 Instant receivedAt) {
    }

    static final Duration CLAIM_TIMEOUT = Duration.ofMinutes(1);
    /** Entries one claim takes; the rest wait for the next. */
    static final int CLAIM_SIZE = 500;

    private final JdbcTemplate jdbc;

    NotificationInbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the entries of one request with one multi-row insert. */
    void add(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        String rows = String.join(", ", Collections.nCopies(entries.size(), "(?, ?, ?, ?, ?, ?)"));
        List<Object> args = new ArrayList<>(entries.size() * 6);
        for (Entry e : entries) {
            args.add(e.tenant());
            args.add(e.subscriptionId());
            args.add(e.kind().name());
            args.add(e.lifecycleEvent());
            args.add(e.notifications());
            args.add(Timestamp.from(e.receivedAt()));
        }
        jdbc.update("insert into notification_inbox (tenant, subscription_id, kind, lifecycle_event, notifications, "
                + "received_at) values " + rows, args.toArray());
    }

    /**
     * Claims up to {@link #CLAIM_SIZE} unclaimed (or abandoned) entries for this caller. The outer condition is
     * checked again on each row a concurrent claimer has just taken (PostgreSQL re-reads an updated row under READ
     * COMMITTED), so no entry is claimed twice.
     *
     * @return the claim's id, to {@link #claimed read} and {@link #done finish} it; null when nothing was waiting
     */
    String claim(Instant now) {
        String claim = UUID.randomUUID().toString();
        Timestamp abandoned = Timestamp.from(now.minus(CLAIM_TIMEOUT));
        int taken = jdbc.update("update notification_inbox set claimed_by = ?, claimed_at = ? "
                + "where (claimed_by is null or claimed_at < ?) and id in (select id from notification_inbox "
                + "where claimed_by is null or claimed_at < ? order by id limit " + CLAIM_SIZE + ")", claim,
                Timestamp.from(now), abandoned, abandoned);
        return taken == 0 ? null : claim;
    }

    List<Entry> claimed(String claim) {
        return jdbc.query("select tenant, subscription_id, kind, lifecycle_event, notifications, received_at "
                + "from notification_inbox where claimed_by = ? order by id", (rs, i) -> new Entry(rs.getString(1),
                rs.getString(2), Kind.valueOf(rs.getString(3)), rs.getString(4), rs.getInt(5),
                rs.getTimestamp(6).toInstant()), claim);
    }

    void done(String claim) {
        jdbc.update("delete from notification_inbox where claimed_by = ?", claim);
    }

    /** Entries not processed yet (tests). */
    int waiting() {
        Integer count = jdbc.queryForObject("select count(*) from notification_inbox", Integer.class);
        return count == null ? 0 : count;
    }
}
