package io.entrasync.sync;

/**
 * What started a run: an admin, the scheduler, the approval of a blocked run, or Microsoft Graph change
 * notifications (a burst of them coalesced into one delta run, executed like a scheduled one).
 */
public enum RunTrigger { MANUAL, SCHEDULE, APPROVAL, NOTIFIED }
