package io.entrasync.reconcile;

import java.util.Collection;
import java.util.Objects;

/** How many users of a run ended in each outcome; all counts are zero or more. */
public record RunCounts(long created, long updated, long linked, long moved, long deactivated, long reactivated,
        long unchanged, long skipped, long failed) {

    /** All zero. */
    public static final RunCounts ZERO = new RunCounts(0, 0, 0, 0, 0, 0, 0, 0, 0);

    public RunCounts {
        if (created < 0 || updated < 0 || linked < 0 || moved < 0 || deactivated < 0 || reactivated < 0
                || unchanged < 0 || skipped < 0 || failed < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
    }

    /** The counts of {@code changes} (one per change, by its kind; {@code failed} stays 0). */
    public static RunCounts of(Collection<? extends Change> changes) {
        Accumulator accumulator = new Accumulator();
        changes.forEach(accumulator::add);
        return accumulator.counts();
    }

    /** The field-wise sum, for adding up the chunks of a run. */
    public RunCounts plus(RunCounts other) {
        return new RunCounts(created + other.created, updated + other.updated, linked + other.linked,
                moved + other.moved, deactivated + other.deactivated, reactivated + other.reactivated,
                unchanged + other.unchanged, skipped + other.skipped, failed + other.failed);
    }

    /** Every user counted. */
    public long total() {
        return created + updated + linked + moved + deactivated + reactivated + unchanged + skipped + failed;
    }

    /**
     * Counts changes one at a time as a run applies them. A change whose application failed is counted with
     * {@link #addFailed()} instead of {@link #add(Change)}. Not thread-safe.
     */
    public static final class Accumulator {
        private final long[] byKind = new long[ChangeKind.values().length];
        private long failed;

        /** Counts {@code change} (non-null) under its kind. */
        public Accumulator add(Change change) {
            byKind[Objects.requireNonNull(change, "change").kind().ordinal()]++;
            return this;
        }

        /** Counts one user that could not be planned or applied. */
        public Accumulator addFailed() {
            failed++;
            return this;
        }

        public RunCounts counts() {
            return new RunCounts(of(ChangeKind.CREATE), of(ChangeKind.UPDATE), of(ChangeKind.LINK),
                    of(ChangeKind.MOVE), of(ChangeKind.DEACTIVATE), of(ChangeKind.REACTIVATE),
                    of(ChangeKind.UNCHANGED), of(ChangeKind.SKIP), failed);
        }

        private long of(ChangeKind kind) {
            return byKind[kind.ordinal()];
        }
    }
}
