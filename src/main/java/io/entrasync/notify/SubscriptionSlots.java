package io.entrasync.notify;

import java.util.function.Supplier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The cluster-wide lock of one tenant's subscription of one resource: a {@code notification_subscription_slot} row held
 * with {@code select ... for update} for the length of the work, in a transaction of its own. Whatever the replicas
 * do (the renewal job on one, a lifecycle notification on another), one of them at a time checks, creates, renews or
 * replaces that subscription, and the next one sees what the first stored: Graph is asked for at most one.
 * The lock is held across the Graph call (seconds at most: the connect and read timeouts bound it), which is fine for
 * the two rows per tenant an hourly pass touches.
 */
@Component
class SubscriptionSlots {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    SubscriptionSlots(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
        this.transactions.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
    }

    /** Runs {@code work} holding the slot of {@code tenant}/{@code resource}; a failure rolls back what it stored. */
    <T> T locked(String tenant, String resource, Supplier<T> work) {
        jdbc.update("insert into notification_subscription_slot (tenant, resource) values (?, ?) "
                + "on conflict do nothing", tenant, resource);
        return transactions.execute(status -> {
            jdbc.queryForList("select tenant from notification_subscription_slot where tenant = ? and resource = ? "
                    + "for update", String.class, tenant, resource);
            return work.get();
        });
    }
}
