package io.entrasync.notify;

import java.time.Instant;
import java.util.List;

/**
 * A tenant's change-notification state as {@code GET /api/tenants} shows it.
 *
 * @param enabled         subscriptions are made (a public base URL is configured); false: scheduled deltas only
 * @param active          every subscription (users, groups) exists and has not expired
 * @param expiresAt       the soonest expiry of its subscriptions; null without any
 * @param lastReceivedAt  the newest accepted notification; null before the first
 * @param lastValidatedAt the newest validation of our URL by Graph (creation or renewal); null before the first
 * @param rejected        notifications naming its subscriptions refused for a wrong clientState or tenantId
 * @param errors          the tenant's current problems (creation refused, renewal failed), never null
 */
public record NotificationStatus(boolean enabled, boolean active, Instant expiresAt, Instant lastReceivedAt,
                                 Instant lastValidatedAt, int rejected, List<String> errors) {
}
