package io.entrasync.sync;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Both halves of a reversible release, in the caller's transaction. A release makes a tenant's accounts manual
 * accounts but keeps the tenant and directory id each had ({@code released_from}, {@code released_external_id});
 * when the tenant's mapping comes back, its next run re-links them by that directory id (a hard match, before any
 * email matching), and the run then treats them as any account of the tenant: updated, and deactivated through the
 * deletion guard when their directory user is gone.
 */
final class ReleasedAccounts {

    /** An account released or re-linked: its id, its directory id and its email (for the change log). */
    record Account(long id, String externalId, String email, boolean active) { }

    private final JdbcTemplate jdbc;

    ReleasedAccounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Releases every account of {@code tenant}: tenant and external id move to the released columns, the account
     * becomes a manual STRONG one; site, department, tickets, active flag and main-user flag stay.
     */
    List<Account> release(String tenant, Instant now) {
        List<Account> accounts = jdbc.query("select id, external_id, email, active from end_user where tenant = ? "
                + "order by id", (rs, i) -> new Account(rs.getLong(1), rs.getString(2), rs.getString(3),
                rs.getBoolean(4)), tenant);
        // one statement: the accounts change together, and "version" moves so that a stale entity elsewhere (an
        // admin's edit in flight) fails its optimistic check instead of writing the old tenant back
        jdbc.update("update end_user set released_from = tenant, released_external_id = external_id, tenant = null, "
                + "external_id = null, association = 'STRONG', updated_at = ?, version = version + 1 where tenant = ?",
                Timestamp.from(now), tenant);
        return accounts;
    }

    /**
     * Re-links the accounts released from {@code tenant} that are still manual and whose directory id no account of
     * the tenant holds. (An account a run links meanwhile forgets its release there: {@code EndUser.linkTo}.) Answers
     * the re-linked ones.
     */
    List<Account> relink(String tenant, Instant now) {
        List<Account> accounts = jdbc.query("select u.id, u.released_external_id, u.email, u.active from end_user u "
                + "where u.released_from = ? and u.tenant is null and u.released_external_id is not null and not exists "
                + "(select 1 from end_user o where o.tenant = ? and o.external_id = u.released_external_id) order by u.id",
                (rs, i) -> new Account(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)),
                tenant, tenant);
        if (accounts.isEmpty()) {
            return accounts;
        }
        List<Object[]> rows = new ArrayList<>(accounts.size());
        for (Account account : accounts) {
            rows.add(new Object[]{tenant, Timestamp.from(now), account.id()});
        }
        jdbc.batchUpdate("update end_user set tenant = ?, external_id = released_external_id, released_from = null, "
                + "released_external_id = null, updated_at = ?, version = version + 1 where id = ?", rows);
        return accounts;
    }
}
