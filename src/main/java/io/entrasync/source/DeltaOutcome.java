package io.entrasync.source;

/** How reading one delta stream (users or groups) ended. */
public sealed interface DeltaOutcome {

    /** Every page was read; {@code deltaLink} resumes after them next time. */
    record Completed(String deltaLink, ReadStats stats) implements DeltaOutcome { }

    /** Graph answered 410 / syncStateNotFound / resyncRequired: the caller must start a full enumeration. */
    record ResyncRequired(String graphCode, ReadStats stats) implements DeltaOutcome { }

    /** Counters of one read, for the run record. */
    record ReadStats(int pages, int throttled, int retries) {
        public static final ReadStats NONE = new ReadStats(0, 0, 0);
    }
}
