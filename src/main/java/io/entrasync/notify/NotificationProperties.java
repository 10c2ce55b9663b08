package io.entrasync.notify;

import io.entrasync.mapping.Notifications;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code entra-sync.notifications.*}.
 *
 * @param coalesceWindow how long after the first notification of a burst its delta run starts
 *                       ({@code ENTRA_SYNC_NOTIFICATIONS_COALESCE_WINDOW}, default 2s): Graph sends one notification
 *                       per changed object, so a bulk edit arrives as a burst that should cost one run
 * @param publicBaseUrl  the service's URL as Graph reaches it (https, no path; http only on a loopback host, for the
 *                       simulator), e.g. {@code https://sync.example.org}
 *                       ({@code ENTRA_SYNC_NOTIFICATIONS_PUBLIC_BASE_URL}); unset: no subscriptions are made (unless a
 *                       tenant's mapping names its own {@code notifications.publicUrl}) and only the scheduled deltas
 *                       run; a mapping's {@code notifications.enabled: false} opts its tenant out
 * @param lifetime       the expiry asked for a subscription ({@code ENTRA_SYNC_NOTIFICATIONS_LIFETIME}, default
 *                       41700m: Graph's maximum for users and groups is 41,760 minutes, one hour is left for clock
 *                       skew)
 * @param renewBefore    a subscription expiring within this is renewed ({@code ENTRA_SYNC_NOTIFICATIONS_RENEW_BEFORE},
 *                       default 3d: a replica outage of two days still renews in time)
 * @param renewInterval  how often the clustered renewal job checks every subscription (one replica per fire;
 *                       {@code ENTRA_SYNC_NOTIFICATIONS_RENEW_INTERVAL}, default 1h)
 */
@ConfigurationProperties("entra-sync.notifications")
public record NotificationProperties(@DefaultValue("2s") Duration coalesceWindow, URI publicBaseUrl,
                                     @DefaultValue("41700m") Duration lifetime,
                                     @DefaultValue("3d") Duration renewBefore,
                                     @DefaultValue("1h") Duration renewInterval) {

    /** Graph's longest subscription lifetime for users and groups. */
    public static final Duration MAX_LIFETIME = Duration.ofMinutes(41_760);

    public NotificationProperties {
        if (coalesceWindow == null || coalesceWindow.isNegative()) {
            throw new IllegalArgumentException("entra-sync.notifications.coalesce-window must not be negative, was "
                    + coalesceWindow);
        }
        if (publicBaseUrl != null && (!publicBaseUrl.isAbsolute() || publicBaseUrl.getHost() == null)) {
            throw new IllegalArgumentException("entra-sync.notifications.public-base-url must be an absolute URL "
                    + "such as https://sync.example.org, was '" + publicBaseUrl + "'");
        }
        if (publicBaseUrl != null && !secureOrLoopback(publicBaseUrl)) {
            // Graph delivers only to https; an http URL would fail every validation handshake, and notifications
            // carry the clientState, which must not travel in clear text
            throw new IllegalArgumentException("entra-sync.notifications.public-base-url must be https (http only on "
                    + "a loopback host such as http://127.0.0.1:8080, for the simulator), was '" + publicBaseUrl + "'");
        }
        if (lifetime == null || lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("entra-sync.notifications.lifetime must be positive and at most "
                    + MAX_LIFETIME.toMinutes() + "m (Graph's maximum for users and groups), was " + lifetime);
        }
        if (renewBefore == null || renewBefore.isNegative() || renewBefore.compareTo(lifetime) >= 0) {
            throw new IllegalArgumentException("entra-sync.notifications.renew-before must be at least 0 and less "
                    + "than entra-sync.notifications.lifetime (" + lifetime + "), was " + renewBefore);
        }
        if (renewInterval == null || renewInterval.isNegative() || renewInterval.isZero()) {
            throw new IllegalArgumentException("entra-sync.notifications.renew-interval must be positive, was "
                    + renewInterval);
        }
    }

    /**
     * The base URL a tenant's notifications go to: its mapping's {@code notifications.publicUrl}, else the
     * service-wide one; null when the tenant opted out or no URL is known (scheduled deltas only).
     */
    URI baseFor(Notifications tenant) {
        if (!tenant.enabled()) {
            return null;
        }
        return tenant.publicUrl() != null ? tenant.publicUrl() : publicBaseUrl;
    }

    /** https, or http on a loopback host (the bundled simulator and tests): the rule a mapping's publicUrl follows. */
    static boolean secureOrLoopback(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(java.util.Locale.ROOT);
        return "https".equals(scheme) || ("http".equals(scheme) && ("127.0.0.1".equals(host)
                || "localhost".equals(host)));
    }

    /** {@code base} + {@code path}, without a doubled slash. */
    static String join(URI base, String path) {
        String text = base.toString();
        return (text.endsWith("/") ? text.substring(0, text.length() - 1) : text) + path;
    }
}
