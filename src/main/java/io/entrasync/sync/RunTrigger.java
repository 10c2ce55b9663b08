package io.entrasync.sync;

/** What started a run: an admin, the scheduler, or the approval of a blocked run. */
public enum RunTrigger { MANUAL, SCHEDULE, APPROVAL }
