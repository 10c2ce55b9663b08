package io.entrasync.graph;

import io.entrasync.source.DeltaOutcome.ReadStats;

/** Mutable counters of one delta read (one thread); frozen into {@link ReadStats}. */
final class ReadCounter {

    private int pages;
    private int throttled;
    private int retries;

    void page() {
        pages++;
    }

    void throttled() {
        throttled++;
    }

    void retry() {
        retries++;
    }

    ReadStats stats() {
        return new ReadStats(pages, throttled, retries);
    }
}
