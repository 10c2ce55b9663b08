package io.entrasync.notify;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The per-deployment secret every notification URL carries as its {@value #PARAMETER} query parameter. Graph calls
 * the URL exactly as the subscription names it, so the key comes back on every notification and on the validation
 * handshake; a call without it is refused before anything else is read. It keeps strangers from validating their own
 * subscriptions against this service and from making it read the database at all.
 * <p>
 * The value is {@code entra-sync.notifications.webhook-key} when configured, else generated once (256 random bits) and
 * kept in {@code notification_webhook_key}, so every replica and every restart uses the same one. Read once per JVM.
 * Never logged.
 */
@Component
public class WebhookKey {

    static final String PARAMETER = "key";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final String configured;
    private volatile String value;

    WebhookKey(JdbcTemplate jdbc, @Value("${entra-sync.notifications.webhook-key:}") String configured) {
        this.jdbc = jdbc;
        this.configured = configured == null || configured.isBlank() ? null : configured.strip();
        if (this.configured != null && this.configured.length() < 16) {
            throw new IllegalArgumentException("entra-sync.notifications.webhook-key must be at least 16 characters");
        }
    }

    /** Whether a request's key is this deployment's, compared in constant time. */
    boolean matches(String received) {
        if (received == null) {
            return false;
        }
        return MessageDigest.isEqual(received.getBytes(StandardCharsets.UTF_8), value().getBytes(StandardCharsets.UTF_8));
    }

    /** The URL Graph is given for change notifications of a subscription whose public base URL is {@code base}. */
    public String notificationUrl(URI base) {
        return withKey(NotificationProperties.join(base, GraphWebhookController.PATH));
    }

    /** The URL Graph is given for lifecycle notifications. */
    public String lifecycleNotificationUrl(URI base) {
        return withKey(NotificationProperties.join(base, GraphWebhookController.LIFECYCLE_PATH));
    }

    /**
     * {@code url} without its query: what a subscription made with an older key (or none) is compared by, and what
     * a log line shows (the query carries the key).
     */
    static String withoutQuery(String url) {
        int query = url == null ? -1 : url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    private String withKey(String url) {
        // a generated value is URL-safe already; a configured one may not be
        return url + "?" + PARAMETER + "=" + java.net.URLEncoder.encode(value(), StandardCharsets.UTF_8);
    }

    String value() {
        String current = value;
        if (current == null) {
            synchronized (this) {
                if (value == null) {
                    value = configured != null ? configured : stored();
                }
                current = value;
            }
        }
        return current;
    }

    /** The stored key; the first replica to ask creates it (the primary key lets one insert win). */
    private String stored() {
        jdbc.update("insert into notification_webhook_key (id, webhook_key, created_at) values (1, ?, ?) "
                + "on conflict do nothing", generate(), Timestamp.from(Instant.now()));
        return jdbc.queryForObject("select webhook_key from notification_webhook_key where id = 1", String.class);
    }

    private static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "WebhookKey[hidden]";
    }
}
