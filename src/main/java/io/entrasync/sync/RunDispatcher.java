package io.entrasync.sync;

/**
 * Hands a queued run to whatever executes runs (the tenant's Quartz job), so that manual, approval and scheduled
 * runs of one tenant execute one after the other across every replica.
 */
public interface RunDispatcher {

    /**
     * Asks for {@code run} (already QUEUED, holding its tenant's lock) to be executed soon, on any replica.
     *
     * @throws IllegalStateException when the run could not be handed over; the caller then ends the run
     */
    void dispatch(SyncRun run);
}
