package io.entrasync.notify;

import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread lifecycle notifications are handled on, so the webhook answers at once: bounded (at most
 * {@link #CAPACITY} waiting; beyond it an event is dropped and logged, the next renewal pass checks the subscription
 * anyway), and at most one task per subscription waits at a time, so replays of one event queue nothing more.
 */
final class LifecycleQueue {

    static final int CAPACITY = 256;
    private static final Logger log = LoggerFactory.getLogger(LifecycleQueue.class);

    private final Set<String> waiting = ConcurrentHashMap.newKeySet();
    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(CAPACITY), r -> {
                Thread thread = new Thread(r, "graph-subscription-lifecycle");
                thread.setDaemon(true);
                return thread;
            });

    /** Queues {@code work} for the subscription unless work for it is waiting already; false when not queued. */
    boolean submit(String subscriptionId, Runnable work) {
        if (!waiting.add(subscriptionId)) {
            log.debug("lifecycle work for subscription {} is already queued", subscriptionId);
            return false;
        }
        try {
            executor.execute(() -> {
                waiting.remove(subscriptionId);
                work.run();
            });
            return true;
        } catch (RejectedExecutionException e) {
            waiting.remove(subscriptionId);
            log.warn("lifecycle queue full ({} waiting): event for subscription {} dropped; the next renewal pass "
                    + "checks it", CAPACITY, subscriptionId);
            return false;
        }
    }

    void shutdown() {
        executor.shutdownNow();
    }
}
