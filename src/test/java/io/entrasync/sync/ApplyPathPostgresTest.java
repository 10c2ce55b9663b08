package io.entrasync.sync;

import io.entrasync.support.PostgresIntegrationTest;
import org.junit.jupiter.api.Test;

/** The apply path's writes on PostgreSQL (array statements), including two runs creating one email at once. */
@PostgresIntegrationTest
class ApplyPathPostgresTest extends ApplyPathContract {

    @Test
    @Override
    void concurrentCreation_ofOneEmail_leavesTheLaterRunsAccountOut() throws Exception {
        super.concurrentCreation_ofOneEmail_leavesTheLaterRunsAccountOut();
    }

    /** A second transaction creating the same tenant's site waits for the first, then takes its row. */
    @Test
    void concurrentCreation_ofOneTenantsSite_waitsAndReusesTheRow() throws Exception {
        java.util.concurrent.CountDownLatch inserted = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        var first = java.util.concurrent.CompletableFuture.supplyAsync(() -> inTx(() -> {
            var ids = store.createAll("a-" + tag, java.util.List.of(createOn("a1", email("ann"), "Own " + tag)),
                    new io.entrasync.directory.DirectoryStore.NameCache());
            inserted.countDown();
            try {
                release.await(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ids;
        }));
        org.assertj.core.api.Assertions.assertThat(inserted.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        var second = java.util.concurrent.CompletableFuture.supplyAsync(() -> inTx(() -> store.createAll("a-" + tag,
                java.util.List.of(createOn("a2", email("bob"), "own " + tag)),
                new io.entrasync.directory.DirectoryStore.NameCache())));
        Thread.sleep(300);
        org.assertj.core.api.Assertions.assertThat(second).as("waits for the first transaction's site").isNotDone();

        release.countDown();

        long a1 = first.get(30, java.util.concurrent.TimeUnit.SECONDS).get("a1");
        long a2 = second.get(30, java.util.concurrent.TimeUnit.SECONDS).get("a2");
        org.assertj.core.api.Assertions.assertThat(siteOf(a2)).isEqualTo(siteOf(a1));
    }
}
