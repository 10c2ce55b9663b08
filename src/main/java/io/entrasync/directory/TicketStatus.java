package io.entrasync.directory;

/** Lifecycle of a ticket; the directory only ever creates OPEN tickets. */
public enum TicketStatus {
    OPEN, IN_PROGRESS, PENDING, RESOLVED, CLOSED;

    /** Open tickets are the ones an admin cares about before deactivating their requester. */
    public boolean isOpen() {
        return this != RESOLVED && this != CLOSED;
    }
}
