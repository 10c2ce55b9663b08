package io.entrasync.mirror;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.Types;
import java.util.List;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The staging tables of a full read: what the pages said, appended page by page and merged into the mirror once
 * at the end ({@link FullRead}). They are temporary tables of the run's connection, dropped when its transaction
 * ends, so concurrent runs never see each other's rows and nothing is left behind.
 *
 * <p>PostgreSQL: filled with {@code COPY} on the transaction's own connection; H2: batched inserts. Each table has a
 * primary key on the columns the merge joins by, so that no join plan can degrade to a scan per row: the planner's
 * estimate of a tenant's mirror rows is often far off inside a run (the statistics predate the run's writes), and
 * with an index on both sides a misjudged nested loop still costs one index probe per row (measured on 20k users
 * without it: 20 s for the users-not-seen query instead of 0.05 s). The key is declared inline because a separate
 * {@code CREATE INDEX} would commit the run's transaction on H2. ANALYZE of the staging cost more (0.3 s) than it
 * saved.
 */
final class Staging {

    static final String USERS = "mirror_stage_user";
    static final String MEMBERSHIPS = "mirror_stage_membership";

    /**
     * Staged user columns: {@link UserRows#COLUMNS}' attributes plus the page, item and removal of the row, and the
     * attributes the item sent empty ({@link UserRows#encodeCleared}; needed only to fold a user listed on several
     * pages).
     */
    static final String USER_COLUMNS = "page, id, display_name, given_name, surname, mail, user_principal_name,"
            + " other_mails, business_phones, mobile_phone, department, job_title, company_name, office_location,"
            + " account_enabled, user_type, email_key, has_item, removed_reason, cleared";
    static final String MEMBERSHIP_COLUMNS = "page, group_id, member_id, member_type, removed";

    private static final int V = Types.VARCHAR;
    private static final int[] USER_TYPES = {Types.INTEGER, V, V, V, V, V, V, V, V, V, V, V, V, V, Types.BOOLEAN, V,
            V, Types.BOOLEAN, V, V};
    private static final int[] MEMBERSHIP_TYPES = {Types.INTEGER, V, V, V, Types.BOOLEAN};

    private final JdbcTemplate jdbc;
    private final boolean postgres;

    Staging(JdbcTemplate jdbc, boolean postgres) {
        this.jdbc = jdbc;
        this.postgres = postgres;
    }

    private static final String USER_TABLE = "page int not null, id varchar not null, display_name varchar,"
            + " given_name varchar, surname varchar, mail varchar, user_principal_name varchar, other_mails varchar,"
            + " business_phones varchar, mobile_phone varchar, department varchar, job_title varchar,"
            + " company_name varchar, office_location varchar, account_enabled boolean, user_type varchar,"
            + " email_key varchar, has_item boolean not null, removed_reason varchar, cleared varchar,"
            + " primary key (id, page)";
    private static final String MEMBERSHIP_TABLE = "page int not null, group_id varchar not null,"
            + " member_id varchar not null, member_type varchar not null, removed boolean not null,"
            + " primary key (group_id, member_id, page)";

    /**
     * H2: the statement that gives a new connection both staging tables for its whole life, emptied at every commit.
     * Created inside a run's transaction instead, their keys would hold H2's schema lock until the run commits, and
     * every other connection refilling a sequence's cache (a new user, ticket or change-log row) would wait for the
     * run, or fail at the lock timeout. Opening a full read then finds them and creates nothing.
     */
    static String h2ConnectionInitSql() {
        return "create local temporary table if not exists " + USERS + " (" + USER_TABLE + ") on commit delete rows;"
                + " create local temporary table if not exists " + MEMBERSHIPS + " (" + MEMBERSHIP_TABLE
                + ") on commit delete rows";
    }

    /** Creates the tables for this transaction, or empties them when a read starts over within it. */
    void open() {
        create(USERS, USER_TABLE);
        create(MEMBERSHIPS, MEMBERSHIP_TABLE);
    }

    /** Rows in {@link #USER_COLUMNS} order. */
    void users(List<Object[]> rows) {
        append(USERS, USER_COLUMNS, USER_TYPES, rows);
    }

    /** Rows in {@link #MEMBERSHIP_COLUMNS} order. */
    void memberships(List<Object[]> rows) {
        append(MEMBERSHIPS, MEMBERSHIP_COLUMNS, MEMBERSHIP_TYPES, rows);
    }

    private void create(String table, String columns) {
        if (postgres) {
            jdbc.execute("create temporary table if not exists " + table + " (" + columns + ") on commit drop");
        } else {
            // a no-op on connections opened with h2ConnectionInitSql(); otherwise (a pool that is not Hikari) created
            // for this transaction, holding H2's schema lock until the run ends
            jdbc.execute("create local temporary table if not exists " + table + " (" + columns
                    + ") on commit drop transactional");
        }
        jdbc.update("delete from " + table);
    }

    private void append(String table, String columns, int[] types, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        if (!postgres) {
            jdbc.batchUpdate("insert into " + table + " (" + columns + ") values (?"
                    + ", ?".repeat(types.length - 1) + ")", rows, types);
            return;
        }
        String sql = "copy " + table + " (" + columns + ") from stdin";
        String text = CopyText.of(rows);
        jdbc.execute((ConnectionCallback<Long>) connection -> {
            try {
                return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new StringReader(text));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
