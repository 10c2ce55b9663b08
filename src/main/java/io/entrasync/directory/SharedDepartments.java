package io.entrasync.directory;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finds or creates a department by name for every door that names one (sync runs, CSV import). Departments are shared
 * by every tenant, and runs of several tenants create them at the same time, each inside its own long transaction:
 * a department inserted there stays locked until that run commits, so two first runs inserting the same two names in
 * opposite order deadlocked on PostgreSQL and one of them failed (seen in the 1,000-tenant benchmark). Creating the
 * department in a short transaction of its own holds no lock past the insert; "on conflict do nothing" waits for a
 * concurrent insert of the same name and then finds its row. The price: a run rolled back later leaves the department
 * it created (an empty department, which an admin may delete), never a half-written account.
 */
@Component
public class SharedDepartments {

    /** A department's id, and whether this call created it. */
    public record Found(long id, boolean created) {
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;

    SharedDepartments(NamedParameterJdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
    }

    /** The department named {@code name} (case-insensitively), created when there is none. */
    public Found idOf(String name) {
        String key = Site.key(name);
        Map<String, String> params = Map.of("name", name.trim(), "key", key);
        List<Long> known = jdbc.queryForList("select id from department where name_key = :key", params, Long.class);
        if (!known.isEmpty()) {
            return new Found(known.get(0), false);
        }
        // (H2 accepts "on conflict do nothing" without a conflict target, PostgreSQL both.)
        int inserted = ownTransaction.execute(status -> jdbc.update("insert into department (id, name, name_key) "
                + "values (nextval('department_seq'), :name, :key) on conflict do nothing", params));
        long id = jdbc.queryForObject("select id from department where name_key = :key", params, Long.class);
        return new Found(id, inserted == 1);
    }
}
