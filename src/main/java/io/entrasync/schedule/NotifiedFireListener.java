package io.entrasync.schedule;

/**
 * Told when a NOTIFIED fire of a tenant's job starts, before its run reads the delta, so that notifications arriving
 * from then on ask for another run instead of being folded into this one.
 */
public interface NotifiedFireListener {

    /** The NOTIFIED fire of {@code tenant} starts now (on this replica's Quartz thread). */
    void starting(String tenant);

    /**
     * The NOTIFIED fire of {@code tenant} found it locked by a run that will not read and save the delta (a dry run,
     * an approval run, a run already under way): the notifications are not covered, ask for a fire after that run.
     */
    void deferred(String tenant);
}
