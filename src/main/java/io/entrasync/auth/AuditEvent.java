package io.entrasync.auth;

import io.entrasync.edits.FieldChange;
import java.time.Instant;
import java.util.List;

/**
 * One entry of the audit trail: published by the web layer ({@link AuditRecorder}) and stored by
 * {@link AuditTrail}. Holds no secret or token: the target is the route's variables, never a body or header.
 *
 * @param at     when the call was answered
 * @param actor  who called (anonymous callers by their client address)
 * @param action method and route pattern, e.g. {@code POST /api/sync-runs/{runId}/approve}
 * @param target the route's variables, e.g. {@code runId=14}; null when it has none
 * @param status the HTTP status answered (the outcome)
 * @param client  the client address
 * @param changes for an edit, the fields it changed with their values before and after (empty otherwise, and for
 *                an edit refused before it changed anything)
 */
public record AuditEvent(Instant at, Caller actor, String action, String target, int status, String client,
                         List<FieldChange> changes) {

    public AuditEvent {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    /** An event that changed no field (sign-ins, approvals, refusals, calls that are not edits). */
    public AuditEvent(Instant at, Caller actor, String action, String target, int status, String client) {
        this(at, actor, action, target, status, client, List.of());
    }
}
