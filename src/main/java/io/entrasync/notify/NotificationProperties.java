package io.entrasync.notify;

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
 * @param publicBaseUrl  the service's URL as Graph reaches it (https, no path), e.g. {@code https://sync.example.org}
 *                       ({@code ENTRA_SYNC_NOTIFICATIONS_PUBLIC_BASE_URL}); unset: no subscriptions are made (unless a
 *                       tenant's mapping names its own {@code notifications.publicUrl}) and only the scheduled deltas
 *                       run
 */
@ConfigurationProperties("entra-sync.notifications")
public record NotificationProperties(@DefaultValue("2s") Duration coalesceWindow, URI publicBaseUrl) {

    public NotificationProperties {
        if (coalesceWindow == null || coalesceWindow.isNegative()) {
            throw new IllegalArgumentException("entra-sync.notifications.coalesce-window must not be negative, was "
                    + coalesceWindow);
        }
        if (publicBaseUrl != null && (!publicBaseUrl.isAbsolute() || publicBaseUrl.getHost() == null)) {
            throw new IllegalArgumentException("entra-sync.notifications.public-base-url must be an absolute URL "
                    + "such as https://sync.example.org, was '" + publicBaseUrl + "'");
        }
    }
}
