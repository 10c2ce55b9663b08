package io.entrasync.connect;

import io.entrasync.auth.Caller;
import java.time.Duration;
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

    /** Room for the proof's attempts beyond its retries (token and Graph timeouts, Graph's own retries). */
    static final Duration ATTEMPTS_ROOM = Duration.ofMinutes(5);

    /** A request the callback has answered (never waiting: no clock needed). */
    static ConnectOutcome of(ConnectRequest answered) {
        return of(answered, answered.startedAt(), Duration.ZERO);
    }

    /**
     * The request as seen at {@code now}: the stored status, or {@code expired} for a waiting one past its time. A
     * callback that used the state just before it expired may prove the consent past it (up to {@code consentWait}
     * of retries, plus the attempts' own timeouts); a request still waiting long after that was lost mid-proof (a
     * replica stopped).
     */
    static ConnectOutcome of(ConnectRequest request, Instant now, Duration consentWait) {
        ConnectRequest.Details details = request.details();
        Instant end = request.usedAt() == null ? request.expiresAt()
                : latest(request.expiresAt(), request.usedAt().plus(consentWait).plus(ATTEMPTS_ROOM));
        boolean expired = request.status() == ConnectRequest.Status.WAITING && !now.isBefore(end);
        return new ConnectOutcome(request.id(), request.tenant(), request.template(),
                expired ? "expired" : request.status().wire(),
                request.startedBy(), request.startedAt(), request.expiresAt(), request.tenantId(),
                details.organization(), details.check(), details.file(), details.error());
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
