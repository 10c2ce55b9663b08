package io.entrasync.sync;

/**
 * What started a run: an admin, the scheduler, the approval of a blocked run, or Microsoft Graph change
 * notifications (a burst of them coalesced into one delta run, executed like a scheduled one). {@code RELEASE} is
 * not a sync: an admin's release of an orphaned tenant's accounts, recorded as a run so that its changes are in the
 * change log like any other.
 */
public enum RunTrigger { MANUAL, SCHEDULE, APPROVAL, NOTIFIED, RELEASE }
