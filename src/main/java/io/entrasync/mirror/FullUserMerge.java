package io.entrasync.mirror;

import static io.entrasync.mirror.Staging.USERS;

import io.entrasync.source.DirectoryUser;
import io.entrasync.source.RemovedObject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Merges the staged users of a full read into {@code mirror_user}: new users in one {@code INSERT ... SELECT},
 * stored users only when what the run saw differs from what is stored. A full read's item is the whole user, so
 * its values replace the stored ones, an attribute it does not carry included ({@link UserMerge#full}: Graph leaves
 * out what a user has no value for). The candidates are found in SQL (a column that differs), then merged and
 * compared in Java, so an unchanged user is never written.
 */
final class FullUserMerge {

    private static final int BATCH = 500;
    /** Columns of {@link DirectoryUser.Attribute#required} attributes: a staged null there means "not sent". */
    private static final List<String> REQUIRED = List.of("display_name", "user_principal_name", "account_enabled");
    /** The other attribute columns: the staged value, null or empty included, is the user's. */
    private static final List<String> REPLACED = List.of("given_name", "surname", "mail", "other_mails",
            "business_phones", "mobile_phone", "department", "job_title", "company_name", "office_location",
            "user_type");
    private static final String STAGED_AS = Arrays.stream(Staging.USER_COLUMNS.split(","))
            .map(c -> "s." + c.trim() + " as s_" + c.trim()).collect(Collectors.joining(", "));
    private static final String STORED = Arrays.stream(UserRows.COLUMNS.split(","))
            .map(c -> "m." + c.trim()).collect(Collectors.joining(", "));

    /** Staged rows that may change their stored user: see {@link #differs()}. */
    private static final String CANDIDATES = "select " + STORED + ", " + STAGED_AS + " from " + USERS + " s"
            + " join mirror_user m on m.tenant = ? and m.id = s.id where " + differs();
    private static final String INSERT_NEW = "insert into mirror_user (tenant, " + UserRows.COLUMNS + ")"
            + " select ?, s.id, s.display_name, s.given_name, s.surname, s.mail, s.user_principal_name,"
            + " s.other_mails, s.business_phones, s.mobile_phone, s.department, s.job_title, s.company_name,"
            + " s.office_location, s.account_enabled, s.user_type, s.email_key, s.removed_reason is not null,"
            + " s.removed_reason, ?, ? from " + USERS + " s"
            + " where not exists (select 1 from mirror_user m where m.tenant = ? and m.id = s.id) order by s.id";
    private static final String NOT_SEEN = "select m.id from mirror_user m where m.tenant = ? and m.removed = false"
            + " and not exists (select 1 from " + USERS + " s where s.id = m.id) order by m.id";

    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;
    private final NamedParameterJdbcTemplate named;
    private final Staging staging;
    private final Clock clock;

    FullUserMerge(JdbcTemplate jdbc, Staging staging, Clock clock) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.streaming = new JdbcTemplate(Objects.requireNonNull(jdbc.getDataSource()));
        this.streaming.setFetchSize(BATCH);
        this.staging = staging;
        this.clock = clock;
    }

    /** One page's row for a user: its item merged within the page (or none) and its removal in the page (or none). */
    static Object[] stagedRow(int page, String id, DirectoryUser item, RemovedObject removal) {
        DirectoryUser u = item == null ? UserRows.tombstone(id) : item;
        return new Object[] {page, id, u.displayName(), u.givenName(), u.surname(), u.mail(), u.userPrincipalName(),
                UserRows.encode(u.otherMails()), UserRows.encode(u.businessPhones()), u.mobilePhone(),
                u.department(), u.jobTitle(), u.companyName(), u.officeLocation(), u.accountEnabled(), u.userType(),
                UserRows.emailKey(u), item != null, removal == null ? null : removal.reason().name(),
                UserRows.encodeCleared(u.cleared())};
    }

    /** @return the users not removed that no staged row mentions, ordered by id */
    List<String> finish(String tenant, long runId) {
        foldRepeatedUsers();
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        updateChanged(tenant, runId, now);
        jdbc.update(INSERT_NEW, text(tenant), new SqlParameterValue(Types.BIGINT, runId),
                new SqlParameterValue(Types.TIMESTAMP_WITH_TIMEZONE, now), text(tenant));
        return jdbc.queryForList(NOT_SEEN, String.class, tenant);
    }

    /**
     * A user listed on several pages (rare) becomes one staged row: the items merged in page order, the removal
     * state of the last page.
     */
    private void foldRepeatedUsers() {
        List<String> repeated = jdbc.queryForList("select id from " + USERS + " group by id having count(*) > 1",
                String.class);
        for (List<String> ids : Chunks.of(repeated)) {
            MapSqlParameterSource params = new MapSqlParameterSource("ids", ids);
            Map<String, Staged> folded = new LinkedHashMap<>();
            named.query("select " + Staging.USER_COLUMNS + " from " + USERS + " where id in (:ids) order by id, page",
                    params, (RowCallbackHandler) rs -> folded.merge(rs.getString("id"), staged(rs, ""), Staged::then));
            named.update("delete from " + USERS + " where id in (:ids)", params);
            staging.users(folded.values().stream().map(s -> stagedRow(s.page(), s.id(), s.item(), s.removal()))
                    .toList());
        }
    }

    private void updateChanged(String tenant, long runId, OffsetDateTime now) {
        List<Object[]> updates = new ArrayList<>();
        streaming.query(CANDIDATES, (RowCallbackHandler) rs -> {
            MirrorUser before = UserRows.MAPPER.mapRow(rs, 0);
            Staged seen = staged(rs, "s_");
            DirectoryUser user = seen.item() == null ? before.user() : UserMerge.full(before.user(), seen.item());
            MirrorUser after = UserWriter.state(user, runId, seen.removal());
            if (UserWriter.changed(before, after)) {
                updates.add(UserRows.updateArgs(tenant, after, now));
                if (updates.size() == BATCH) {
                    flush(updates);
                }
            }
        }, tenant);
        flush(updates);
    }

    private void flush(List<Object[]> updates) {
        if (!updates.isEmpty()) {
            jdbc.batchUpdate(UserRows.UPDATE, updates, UserRows.UPDATE_TYPES);
            updates.clear();
        }
    }

    /**
     * May the staged row change the stored one? An item whose value of a replaced column differs (null included), a
     * required column it carries that differs, or another removal state.
     */
    private static String differs() {
        List<String> terms = new ArrayList<>();
        REPLACED.forEach(c -> terms.add("(s.has_item and s." + c + " is distinct from m." + c + ")"));
        REQUIRED.forEach(c -> terms.add("(s." + c + " is not null and s." + c + " is distinct from m." + c + ")"));
        terms.add("s.removed_reason is distinct from m.removed_reason");
        terms.add("m.removed <> (s.removed_reason is not null)");
        return String.join(" or ", terms);
    }

    private static SqlParameterValue text(String value) {
        return new SqlParameterValue(Types.VARCHAR, value);
    }

    private static Staged staged(ResultSet rs, String prefix) throws SQLException {
        String id = rs.getString(prefix + "id");
        DirectoryUser item = !rs.getBoolean(prefix + "has_item") ? null : new DirectoryUser(id,
                rs.getString(prefix + "display_name"), rs.getString(prefix + "given_name"),
                rs.getString(prefix + "surname"), rs.getString(prefix + "mail"),
                rs.getString(prefix + "user_principal_name"), UserRows.decode(rs.getString(prefix + "other_mails")),
                UserRows.decode(rs.getString(prefix + "business_phones")), rs.getString(prefix + "mobile_phone"),
                rs.getString(prefix + "department"), rs.getString(prefix + "job_title"),
                rs.getString(prefix + "company_name"), rs.getString(prefix + "office_location"),
                rs.getObject(prefix + "account_enabled", Boolean.class), rs.getString(prefix + "user_type"),
                UserRows.decodeCleared(rs.getString(prefix + "cleared")));
        String reason = rs.getString(prefix + "removed_reason");
        return new Staged(rs.getInt(prefix + "page"), id, item,
                reason == null ? null : new RemovedObject(id, RemovedObject.Reason.valueOf(reason)));
    }

    /** One staged row: the page, the merged item of that page (null: none) and its removal (null: none). */
    private record Staged(int page, String id, DirectoryUser item, RemovedObject removal) {

        /** This row followed by a later page's row of the same user. */
        Staged then(Staged later) {
            DirectoryUser merged = item == null ? later.item
                    : later.item == null ? item : UserMerge.then(item, later.item);
            return new Staged(later.page, id, merged, later.removal);
        }
    }
}
