package io.entrasync.schedule;

import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a write to Quartz's job store in one database transaction. The store ({@link ContextDataSourceJobStore}, a
 * Spring {@code LocalDataSourceJobStore}) takes its connection from the surrounding Spring transaction and never
 * commits itself; called outside one, every statement commits on its own. Storing a one-shot trigger is two inserts
 * (its {@code qrtz_triggers} row, then its {@code qrtz_simple_triggers} row), and the scheduler thread acquires
 * triggers without a lock: between the two commits it saw the new trigger, found no {@code qrtz_simple_triggers} row
 * and logged "An error occurred while scanning for the next triggers to fire" (a {@code NoRecordFoundException} for
 * {@code tenant-run.run-N}) on every round of a thousand tenants. In one transaction both rows appear together, and
 * the store's {@code TRIGGER_ACCESS} row lock is held until they do. Quartz signals its scheduler thread while storing,
 * before that commit, so the thread would find nothing and sleep its idle wait (30 s) before running a manual run:
 * the write wakes it again once the transaction has committed.
 */
@Component
class QuartzTransactions {

    /** A write to the job store. */
    interface Write {
        void run() throws SchedulerException;
    }

    private static final Logger log = LoggerFactory.getLogger(QuartzTransactions.class);

    private final TransactionTemplate transaction;
    private final Scheduler scheduler;

    QuartzTransactions(PlatformTransactionManager transactions, Scheduler scheduler) {
        this.transaction = new TransactionTemplate(transactions);
        this.scheduler = scheduler;
    }

    /** Runs {@code write} in the caller's transaction, or in a new one when there is none. */
    void run(Write write) throws SchedulerException {
        try {
            transaction.executeWithoutResult(status -> {
                TransactionSynchronizationManager.registerSynchronization(new WakeAfterCommit());
                try {
                    write.run();
                } catch (SchedulerException e) {
                    throw new Failed(e);
                }
            });
        } catch (Failed failed) {
            throw failed.cause;
        }
    }

    /** Wakes the scheduler thread once the stored triggers are visible to it. */
    private final class WakeAfterCommit implements TransactionSynchronization {
        @Override
        public void afterCommit() {
            try {
                ContextDataSourceJobStore.wake(scheduler);
            } catch (SchedulerException e) {
                log.debug("could not wake the scheduler thread; it finds the trigger within its idle wait", e);
            }
        }
    }

    private static final class Failed extends RuntimeException {
        private final SchedulerException cause;

        Failed(SchedulerException cause) {
            super(cause);
            this.cause = cause;
        }
    }
}
