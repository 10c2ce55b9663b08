package io.entrasync.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Waiting for what a running service does in the background, and a free port to start one on. */
public final class Await {

    /** Long enough for a slow, shared CI machine; a passing wait returns as soon as its condition holds. */
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private Await() {
    }

    /** Polls {@code condition} until it holds; fails the test naming {@code what} after a minute. */
    public static void awaitThat(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(50);
        }
    }

    /** Sleeps {@code millis}; an interrupt fails the test (keeping the thread's interrupt flag) rather than being lost. */
    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A port nothing listens on right now (for a service started by the test, or for one that is never there). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
