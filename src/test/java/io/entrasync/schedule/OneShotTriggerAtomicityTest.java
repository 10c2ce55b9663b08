package io.entrasync.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.support.ApiClient;
import io.entrasync.support.EmbeddedPostgresInitializer;
import io.entrasync.support.FleetFixture;
import io.entrasync.sync.RunDispatcher;
import io.entrasync.sync.RunStatus;
import io.entrasync.sync.RunTrigger;
import io.entrasync.sync.SyncMode;
import io.entrasync.sync.SyncRun;
import io.entrasync.sync.SyncRuns;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A one-shot trigger appears in Quartz's store whole or not at all (issue 22: every MSP round logged "An error
 * occurred while scanning for the next triggers to fire" with a NoRecordFoundException for {@code tenant-run.run-N}).
 * Stored outside a transaction, its {@code qrtz_triggers} row committed before its {@code qrtz_simple_triggers} row,
 * and the scheduler thread, which acquires without a lock, read the one without the other. The test holds the second
 * insert back (a table lock on {@code qrtz_simple_triggers}) and looks for the first from another connection.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "entra-sync.admin-token=" + ApiClient.TOKEN
})
@ContextConfiguration(initializers = EmbeddedPostgresInitializer.class)
class OneShotTriggerAtomicityTest {

    static final Path MAPPINGS = Path.of("target", "one-shot-trigger", "mappings");

    @Autowired
    RunDispatcher dispatcher;
    @Autowired
    SyncRuns runs;
    @Autowired
    DataSource dataSource;

    @DynamicPropertySource
    static void mappings(DynamicPropertyRegistry registry) {
        FleetFixture.writeTenants(MAPPINGS, 4);
        registry.add("entra-sync.mappings-dir", MAPPINGS::toString);
    }

    @Test
    void aRunsTrigger_isNeverVisibleWithoutItsSimpleTriggerRow() throws Exception {
        SyncRun run = runs.queue(FleetFixture.key(1), SyncMode.DELTA, RunTrigger.MANUAL, false, null);
        CompletableFuture<Void> dispatched;
        try (Connection blocker = dataSource.getConnection(); Connection observer = dataSource.getConnection()) {
            blocker.setAutoCommit(false);
            try (Statement lock = blocker.createStatement()) {
                lock.execute("lock table qrtz_simple_triggers in exclusive mode");
            }
            dispatched = CompletableFuture.runAsync(() -> dispatcher.dispatch(run));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (System.nanoTime() < deadline) {
                assertThat(triggerRows(observer, "run-" + run.getId()))
                        .as("the trigger row is visible while its simple-trigger row is not yet written").isZero();
                Thread.sleep(20);
            }
            assertThat(dispatched).as("the dispatch waits for the simple-trigger insert").isNotDone();
            blocker.commit();
        }
        dispatched.get(10, TimeUnit.SECONDS);
    }

    /**
     * Quartz signals its scheduler thread while the trigger is stored, inside the transaction: the thread, acquiring
     * without a lock, found nothing yet and slept its idle wait (30 s) before a manual run started. The store now wakes
     * it again after the commit, so each run leaves QUEUED within seconds.
     */
    @Test
    void aDispatchedRun_startsAtOnce_notAfterTheSchedulersIdleWait() throws Exception {
        for (int tenant = 2; tenant <= 4; tenant++) {
            SyncRun run = runs.queue(FleetFixture.key(tenant), SyncMode.DELTA, RunTrigger.MANUAL, false, null);
            long dispatchedAt = System.nanoTime();

            dispatcher.dispatch(run);

            while (runs.get(run.getId()).getStatus() == RunStatus.QUEUED
                    && System.nanoTime() - dispatchedAt < TimeUnit.SECONDS.toNanos(20)) {
                Thread.sleep(50);
            }
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - dispatchedAt))
                    .as("run %d of tenant %d left QUEUED this many ms after its dispatch", run.getId(), tenant)
                    .isLessThan(10_000);
        }
    }

    private static int triggerRows(Connection connection, String trigger) throws Exception {
        try (Statement query = connection.createStatement();
             ResultSet rs = query.executeQuery("select count(*) from qrtz_triggers where trigger_group = 'tenant-run' "
                     + "and trigger_name = '" + trigger + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
