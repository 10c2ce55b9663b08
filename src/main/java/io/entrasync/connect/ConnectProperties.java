package io.entrasync.connect;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code entra-sync.connect.*}.
 *
 * @param publicUrl      the service's public base URL as the admin's browser reaches it ({@code ENTRA_SYNC_PUBLIC_URL},
 *                       e.g. {@code https://sync.example.com}); the consent's redirect URI is this +
 *                       {@code /connect/callback} and must be registered on the MSP app. Unset: derived from each
 *                       POST's request (scheme, host, port; forwarded headers when the server trusts them)
 * @param stateLifetime  how long a started connect request waits for the callback (Microsoft's consent page plus the
 *                       admin's reading time)
 * @param consentWait    how long the callback keeps retrying while the new service principal propagates (the token
 *                       endpoint answers AADSTS7000229, 700016 or 65001 for a while after the consent)
 * @param initialBackoff the first wait between those retries; doubled after each, at most 10 s
 * @param writeFiles     false: never write tenant files, show them to commit instead
 *                       ({@code ENTRA_SYNC_CONNECT_WRITE_FILES}; the Helm chart sets it, its mappings are a
 *                       ConfigMap). True (default): write them when the mappings directory takes them
 */
@ConfigurationProperties("entra-sync.connect")
public record ConnectProperties(String publicUrl, @DefaultValue("15m") Duration stateLifetime,
                                @DefaultValue("60s") Duration consentWait, @DefaultValue("2s") Duration initialBackoff,
                                @DefaultValue("true") boolean writeFiles) {

    public ConnectProperties {
        publicUrl = publicUrl == null || publicUrl.isBlank() ? null : publicUrl.strip();
        URI parsed = publicUrl == null ? null : parse(publicUrl);
        if (parsed != null && (!parsed.isAbsolute() || parsed.getHost() == null
                || !java.util.List.of("http", "https").contains(parsed.getScheme()))) {
            throw new IllegalArgumentException("entra-sync.connect.public-url (ENTRA_SYNC_PUBLIC_URL) must be an "
                    + "absolute http(s) URL such as https://sync.example.com, was '" + publicUrl + "'");
        }
        if (stateLifetime.isNegative() || stateLifetime.isZero()) {
            throw new IllegalArgumentException("entra-sync.connect.state-lifetime must be positive");
        }
        if (consentWait.isNegative()) {
            throw new IllegalArgumentException("entra-sync.connect.consent-wait must not be negative");
        }
        // zero would retry the token endpoint without a pause for the whole consent-wait (a doubled zero stays zero)
        if (initialBackoff.isNegative() || initialBackoff.isZero()) {
            throw new IllegalArgumentException("entra-sync.connect.initial-backoff must be positive");
        }
    }

    /** The base URL without a trailing slash, or null when unset. */
    String publicBase() {
        if (publicUrl == null) {
            return null;
        }
        return publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    private static URI parse(String url) {
        try {
            return new URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("entra-sync.connect.public-url (ENTRA_SYNC_PUBLIC_URL) is not a URL: "
                    + e.getMessage());
        }
    }
}
