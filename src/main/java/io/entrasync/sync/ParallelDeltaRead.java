package io.entrasync.sync;

import io.entrasync.source.DeltaOutcome;
import io.entrasync.source.DirectorySource;
import io.entrasync.source.GroupPage;
import io.entrasync.source.TenantConnection;
import io.entrasync.source.UserPage;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

/**
 * Reads the users and the groups delta streams at the same time, each on a thread of its own, while the calling
 * thread — the one that holds the run's database transaction — applies their pages in arrival order. Fetching
 * the next pages thus overlaps applying the current ones, and the two streams overlap each other: against a
 * real tenant, where each page costs Graph hundreds of milliseconds, a run takes about as long as its longer
 * stream. A small bounded queue keeps memory flat: producers wait while the consumer is behind.
 */
final class ParallelDeltaRead {

    private static final int QUEUE_PAGES = 4;

    /** How each stream ended. */
    record Outcomes(DeltaOutcome users, DeltaOutcome groups) {
    }

    private record UserItem(UserPage page) {
    }

    private record GroupItem(GroupPage page) {
    }

    private record Done(boolean users, DeltaOutcome outcome) {
    }

    private record Failed(Throwable error) {
    }

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE_PAGES);
    private volatile boolean cancelled;

    private ParallelDeltaRead() {
    }

    static Outcomes read(DirectorySource source, TenantConnection connection, String usersLink, String groupsLink,
                         boolean lowPriority, Consumer<UserPage> users, Consumer<GroupPage> groups) {
        return new ParallelDeltaRead().run(source, connection, usersLink, groupsLink, lowPriority, users, groups);
    }

    private Outcomes run(DirectorySource source, TenantConnection connection, String usersLink, String groupsLink,
                         boolean lowPriority, Consumer<UserPage> users, Consumer<GroupPage> groups) {
        Thread userReader = start("delta-users-" + connection.tenantKey(), true,
                () -> source.readUsers(connection, usersLink, lowPriority, page -> put(new UserItem(page))));
        Thread groupReader = start("delta-groups-" + connection.tenantKey(), false,
                () -> source.readGroups(connection, groupsLink, lowPriority, page -> put(new GroupItem(page))));
        DeltaOutcome usersOutcome = null;
        DeltaOutcome groupsOutcome = null;
        try {
            while (usersOutcome == null || groupsOutcome == null) {
                Object item = queue.take();
                if (item instanceof UserItem u) {
                    users.accept(u.page());
                } else if (item instanceof GroupItem g) {
                    groups.accept(g.page());
                } else if (item instanceof Done done) {
                    if (done.users()) {
                        usersOutcome = done.outcome();
                    } else {
                        groupsOutcome = done.outcome();
                    }
                } else {
                    Throwable error = ((Failed) item).error();
                    if (error instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    if (error instanceof Error fatal) {
                        throw fatal;
                    }
                    throw new IllegalStateException(error);
                }
            }
            return new Outcomes(usersOutcome, groupsOutcome);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunFailure("the run was interrupted while reading the directory");
        } finally {
            stop(userReader, groupReader);
        }
    }

    private interface Read {
        DeltaOutcome read();
    }

    private Thread start(String name, boolean users, Read read) {
        Thread thread = new Thread(() -> {
            try {
                put(new Done(users, read.read()));
            } catch (CancellationException stopped) {
                // the consumer gave up; nothing to report
            } catch (Throwable error) {
                try {
                    put(new Failed(error));
                } catch (CancellationException ignored) {
                    // the consumer gave up already
                }
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Hands an item to the consumer, waiting while the queue is full; stops the read once the consumer gave up. */
    private void put(Object item) {
        try {
            while (!queue.offer(item, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                if (cancelled) {
                    throw new CancellationException("run stopped reading");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("run stopped reading");
        }
    }

    private void stop(Thread... readers) {
        cancelled = true;
        for (Thread reader : readers) {
            while (reader.isAlive()) {
                queue.clear();
                try {
                    reader.join(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
