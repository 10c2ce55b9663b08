package io.entrasync.notify;

import java.time.Instant;

/**
 * A Graph subscription of one tenant as this service keeps it.
 *
 * @param id              Graph's subscription id (named by every notification)
 * @param tenant          our tenant key
 * @param resource        {@code users} or {@code groups}
 * @param clientStateHash SHA-256 of the clientState (see {@link ClientState}); never the value itself
 * @param expiresAt       when Graph drops the subscription unless it is renewed
 * @param lastReceivedAt  the last notification accepted for it; null before the first
 * @param lastValidatedAt the last time Graph validated our URL for it (creation or renewal); null before
 * @param rejected        notifications naming it that carried a wrong clientState or tenantId
 * @param lastError       the last problem with it (renewal refused, …); null when none
 * @param lastErrorAt     when that happened
 */
record Subscription(String id, String tenant, String resource, String clientStateHash, Instant expiresAt,
                    Instant lastReceivedAt, Instant lastValidatedAt, int rejected, String lastError,
                    Instant lastErrorAt) {

    @Override
    public String toString() {
        return "Subscription[" + id + " " + tenant + "/" + resource + " expires " + expiresAt + "]";
    }
}
