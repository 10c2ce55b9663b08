package io.entrasync.sync;

import io.entrasync.auth.Caller;
import java.time.Instant;

/**
 * One decision on a held tenant's plan, with who made it: an approval or rejection of the plan of a BLOCKED run, or
 * the release of the hold (recorded on the hold's newest plan). Approvals are tied to the plan they approve.
 *
 * @param runId the BLOCKED run whose plan was decided on
 * @param actor who decided, never null
 */
public record HoldDecision(String tenant, long runId, Kind kind, Caller actor, Instant at) {

    /** What was decided. */
    public enum Kind { APPROVE, REJECT, RELEASE }

    /** Whether the actor counts as a person for an approval by several people (the admin token and keys do not). */
    public boolean byPerson() {
        return actor.kind() == Caller.Kind.USER;
    }
}
