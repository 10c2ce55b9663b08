package io.entrasync.mirror;

import io.entrasync.source.DirectoryUser;
import io.entrasync.source.RemovedObject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.jdbc.core.RowMapper;

/**
 * The mapping between {@link MirrorUser} and a {@code mirror_user} row, and the staged form of an item's cleared
 * attributes. The merge rules are {@link UserMerge}'s.
 */
final class UserRows {

    static final String COLUMNS = "id, display_name, given_name, surname, mail, user_principal_name, other_mails,"
            + " business_phones, mobile_phone, department, job_title, company_name, office_location,"
            + " account_enabled, user_type, email_key, removed, removed_reason, last_seen_run, updated_at";

    static final String INSERT = "insert into mirror_user (tenant, " + COLUMNS + ")"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    static final String UPDATE = "update mirror_user set display_name = ?, given_name = ?, surname = ?, mail = ?,"
            + " user_principal_name = ?, other_mails = ?, business_phones = ?, mobile_phone = ?, department = ?,"
            + " job_title = ?, company_name = ?, office_location = ?, account_enabled = ?, user_type = ?,"
            + " email_key = ?, removed = ?, removed_reason = ?, last_seen_run = ?, updated_at = ?"
            + " where tenant = ? and id = ?";

    private static final int V = Types.VARCHAR;
    static final int[] INSERT_TYPES = {V, V, V, V, V, V, V, V, V, V, V, V, V, V, Types.BOOLEAN, V, V,
            Types.BOOLEAN, V, Types.BIGINT, Types.TIMESTAMP_WITH_TIMEZONE};
    static final int[] UPDATE_TYPES = {V, V, V, V, V, V, V, V, V, V, V, V, Types.BOOLEAN, V, V,
            Types.BOOLEAN, V, Types.BIGINT, Types.TIMESTAMP_WITH_TIMEZONE, V, V};

    static final RowMapper<MirrorUser> MAPPER = UserRows::map;

    private UserRows() {
    }

    /** A user known only by its id, for a removal of a user the mirror never saw. */
    static DirectoryUser tombstone(String id) {
        return new DirectoryUser(id, null, null, null, null, null, List.of(), List.of(), null, null, null, null,
                null, null, null);
    }

    /** Lower-case mail, else userPrincipalName; null when the user has neither. */
    static String emailKey(DirectoryUser user) {
        String email = user.mail() != null && !user.mail().isBlank() ? user.mail() : user.userPrincipalName();
        return normalizeEmail(email);
    }

    static String normalizeEmail(String email) {
        return email == null || email.isBlank() ? null : email.trim().toLowerCase(Locale.ROOT);
    }

    static Object[] insertArgs(String tenant, MirrorUser u, OffsetDateTime now) {
        DirectoryUser d = u.user();
        return new Object[] {tenant, d.id(), d.displayName(), d.givenName(), d.surname(), d.mail(),
                d.userPrincipalName(), encode(d.otherMails()), encode(d.businessPhones()), d.mobilePhone(),
                d.department(), d.jobTitle(), d.companyName(), d.officeLocation(), d.accountEnabled(), d.userType(),
                emailKey(d), u.removed(), reason(u), u.lastSeenRun(), now};
    }

    static Object[] updateArgs(String tenant, MirrorUser u, OffsetDateTime now) {
        DirectoryUser d = u.user();
        return new Object[] {d.displayName(), d.givenName(), d.surname(), d.mail(), d.userPrincipalName(),
                encode(d.otherMails()), encode(d.businessPhones()), d.mobilePhone(), d.department(), d.jobTitle(),
                d.companyName(), d.officeLocation(), d.accountEnabled(), d.userType(), emailKey(d), u.removed(),
                reason(u), u.lastSeenRun(), now, tenant, d.id()};
    }

    private static MirrorUser map(ResultSet rs, int row) throws SQLException {
        DirectoryUser user = new DirectoryUser(rs.getString("id"), rs.getString("display_name"),
                rs.getString("given_name"), rs.getString("surname"), rs.getString("mail"),
                rs.getString("user_principal_name"), decode(rs.getString("other_mails")),
                decode(rs.getString("business_phones")), rs.getString("mobile_phone"), rs.getString("department"),
                rs.getString("job_title"), rs.getString("company_name"), rs.getString("office_location"),
                rs.getObject("account_enabled", Boolean.class), rs.getString("user_type"));
        String reason = rs.getString("removed_reason");
        return new MirrorUser(user, rs.getBoolean("removed"),
                reason == null ? null : RemovedObject.Reason.valueOf(reason), rs.getLong("last_seen_run"),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }

    private static String reason(MirrorUser u) {
        return u.removedReason() == null ? null : u.removedReason().name();
    }

    /** The attributes an item sent empty, as staged: their names comma-separated, null for none (the usual case). */
    static String encodeCleared(Set<DirectoryUser.Attribute> cleared) {
        if (cleared.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (DirectoryUser.Attribute attribute : cleared) {
            text.append(text.isEmpty() ? "" : ",").append(attribute.name());
        }
        return text.toString();
    }

    static Set<DirectoryUser.Attribute> decodeCleared(String text) {
        if (text == null || text.isEmpty()) {
            return Set.of();
        }
        Set<DirectoryUser.Attribute> cleared = EnumSet.noneOf(DirectoryUser.Attribute.class);
        for (String name : text.split(",")) {
            cleared.add(DirectoryUser.Attribute.valueOf(name));
        }
        return cleared;
    }

    static String encode(List<String> values) {
        return String.join("\n", values);
    }

    static List<String> decode(String text) {
        return text == null || text.isEmpty() ? List.of() : Arrays.asList(text.split("\n", -1));
    }

}
