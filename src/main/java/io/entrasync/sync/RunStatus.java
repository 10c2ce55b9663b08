package io.entrasync.sync;

/** Lifecycle of a run; only SUCCEEDED non-dry runs change the helpdesk. */
public enum RunStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, BLOCKED;

    public boolean isActive() {
        return this == QUEUED || this == RUNNING;
    }
}
