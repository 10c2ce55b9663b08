package io.entrasync.connect;

import io.entrasync.auth.Caller;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * A connect request as {@code GET /api/tenants/connect/{id}} and the callback's JSON answer show it.
 *
 * @param status       {@code waiting}, {@code connected}, {@code refused} or {@code failed}; {@code expired} for a
 *                     request still waiting after its state expired (no callback can complete it any more: start
 *                     again)
 * @param tenantId     the tenant id the callback named; null while waiting
 * @param organization display name and verified domains, once the consent is proven; else null
 * @param check        the connection check (as {@code POST /api/tenants/{tenant}/check} answers), or null
 * @param file         the tenant file written or to commit, or null
 * @param error        why it was refused or failed, or null
 */
record ConnectOutcome(String id, String tenant, String template, String status, Caller startedBy, Instant startedAt,
                      Instant expiresAt, String tenantId, ConnectRequest.Organization organization, JsonNode check,
                      ConnectRequest.TenantFile file, ConnectRequest.Problem error) {

    /** A request the callback has answered (never waiting: no clock needed). */
    static ConnectOutcome of(ConnectRequest answered) {
        return of(answered, answered.startedAt());
    }

    /**
     * The request as seen at {@code now}: the stored status, or {@code expired} for a waiting one past its time whose
     * state no callback used (a used one is being proven, up to a minute, and may end past its time).
     */
    static ConnectOutcome of(ConnectRequest request, Instant now) {
        ConnectRequest.Details details = request.details();
        boolean expired = request.status() == ConnectRequest.Status.WAITING && request.usedAt() == null
                && !now.isBefore(request.expiresAt());
        return new ConnectOutcome(request.id(), request.tenant(), request.template(),
                expired ? "expired" : request.status().wire(),
                request.startedBy(), request.startedAt(), request.expiresAt(), request.tenantId(),
                details.organization(), details.check(), details.file(), details.error());
    }
}
