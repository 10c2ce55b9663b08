package io.entrasync.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The lifecycle queue: one waiting task per subscription, a bounded backlog, and work runs off the caller's thread. */
class LifecycleQueueTest {

    private final LifecycleQueue queue = new LifecycleQueue();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        queue.shutdown();
    }

    @Test
    void replaysOfOneSubscription_waitingBehindBusyWork_queueOneTask() throws Exception {
        CountDownLatch busy = new CountDownLatch(1);
        queue.submit("blocker", () -> {
            busy.countDown();
            await(release);
        });
        assertThat(busy.await(5, TimeUnit.SECONDS)).as("the blocker runs").isTrue();
        AtomicInteger ran = new AtomicInteger();

        int queued = 0;
        for (int i = 0; i < 50; i++) {
            queued += queue.submit("sub-1", ran::incrementAndGet) ? 1 : 0;
        }
        release.countDown();

        assertThat(queued).isEqualTo(1);
        CountDownLatch done = new CountDownLatch(1);
        queue.submit("marker", done::countDown);
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(ran).hasValue(1);
    }

    @Test
    void aFullQueue_dropsInsteadOfGrowing() throws Exception {
        CountDownLatch busy = new CountDownLatch(1);
        queue.submit("blocker", () -> {
            busy.countDown();
            await(release);
        });
        assertThat(busy.await(5, TimeUnit.SECONDS)).as("the blocker runs").isTrue();

        int queued = 0;
        for (int i = 0; i < LifecycleQueue.CAPACITY + 100; i++) {
            queued += queue.submit("sub-" + i, () -> { }) ? 1 : 0;
        }

        assertThat(queued).isEqualTo(LifecycleQueue.CAPACITY);
        release.countDown();
        // a dropped subscription can be queued again once there is room
        CountDownLatch again = new CountDownLatch(1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!queue.submit("sub-" + (LifecycleQueue.CAPACITY + 50), again::countDown)
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(again.await(5, TimeUnit.SECONDS)).isTrue();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
