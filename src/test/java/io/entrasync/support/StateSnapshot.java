package io.entrasync.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A normalized dump of a tenant's helpdesk state: one line per end_user row (externalId, email, names, site,
 * department, active, association) sorted by externalId and email, plus every ticket with the account it
 * belongs to. Database ids are left out so that two runs (or two databases) can be compared as plain values.
 *
 * @param accounts one normalized line per account, sorted
 * @param tickets  one line per ticket: id, subject, owner email, status (sorted by ticket id)
 */
public record StateSnapshot(List<String> accounts, List<String> tickets) {

    /** The state of {@code tenant}'s synced accounts (and every weak account) and all tickets, as stored now. */
    public static StateSnapshot of(JdbcTemplate jdbc, String tenant) {
        List<String> accounts = jdbc.query("""
                select u.external_id, u.email, u.first_name, u.last_name, s.name as site, d.name as department,
                       u.phone, u.mobile_phone, u.job_title, u.main_site_user, u.active, u.association
                from end_user u join site s on s.id = u.site_id left join department d on d.id = u.department_id
                where u.tenant = ? or u.tenant is null
                order by u.external_id nulls first, u.email_key""", (rs, i) -> String.join(" | ",
                "ext=" + rs.getString("external_id"), "email=" + rs.getString("email"),
                "name=" + rs.getString("first_name") + " " + rs.getString("last_name"), "site=" + rs.getString("site"),
                "dept=" + rs.getString("department"), "phone=" + rs.getString("phone") + "/" + rs.getString("mobile_phone"),
                "job=" + rs.getString("job_title"), "main=" + rs.getBoolean("main_site_user"),
                "active=" + rs.getBoolean("active"), rs.getString("association")), tenant);
        List<String> tickets = jdbc.query("""
                select t.id, t.subject, t.status, u.email from ticket t join end_user u on u.id = t.user_id order by t.id""",
                (rs, i) -> rs.getLong(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4));
        return new StateSnapshot(List.copyOf(accounts), List.copyOf(tickets));
    }

    /** Only the active accounts: what a fresh full sync must reproduce exactly. */
    public List<String> activeAccounts() {
        return accounts.stream().filter(a -> a.contains("active=true")).toList();
    }

    /** Directory ids that occur on more than one account (must always be empty). */
    public Map<String, Long> duplicateExternalIds() {
        Map<String, Long> counts = accounts.stream().map(a -> a.substring(0, a.indexOf(" | ")))
                .filter(ext -> !ext.equals("ext=null"))
                .collect(Collectors.groupingBy(ext -> ext, TreeMap::new, Collectors.counting()));
        counts.values().removeIf(n -> n < 2);
        return counts;
    }

    @Override
    public String toString() {
        List<String> lines = new ArrayList<>(accounts);
        lines.add("tickets:");
        lines.addAll(tickets);
        return String.join("\n", lines);
    }
}
