package io.entrasync.graph;

import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.MsalException;
import com.microsoft.aad.msal4j.MsalServiceException;
import com.microsoft.kiota.authentication.AccessTokenProvider;
import com.microsoft.kiota.authentication.AllowedHostsValidator;
import io.entrasync.source.DirectorySourceException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * App-only tokens of one tenant for the Graph client. Reuses a token until {@link #REFRESH_MARGIN} (or half
 * its lifetime, if shorter) before it expires: MSAL's own cache would do that too, but misses whenever the authority carries an explicit port (test
 * and simulator authorities), so the token is held here as well. Tokens are never logged.
 */
final class MsalTokenProvider implements AccessTokenProvider {

    static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);
    private static final Pattern AADSTS = Pattern.compile("AADSTS\\d+");

    private final String tenantKey;
    private final ConfidentialClientApplication app;
    private final ClientCredentialParameters parameters;
    private final ClientCredentialParameters freshParameters;
    private volatile boolean refuseCached;
    private final AllowedHostsValidator allowedHosts;
    private final Clock clock;
    private final Runnable onCredentialRejected;
    private volatile CachedToken cached;

    /**
     * @param tenantId the tenant each token request names, overriding the app's authority (the MSP's multi-tenant
     *                 app, shared by many tenants); null: the authority's own tenant
     */
    MsalTokenProvider(String tenantKey, String tenantId, ConfidentialClientApplication app, String graphEndpoint,
            Clock clock, Runnable onCredentialRejected) {
        this.tenantKey = tenantKey;
        this.app = app;
        ClientCredentialParameters.ClientCredentialParametersBuilder request =
                ClientCredentialParameters.builder(Set.of(graphEndpoint + "/.default"));
        ClientCredentialParameters.ClientCredentialParametersBuilder fresh =
                ClientCredentialParameters.builder(Set.of(graphEndpoint + "/.default")).skipCache(true);
        if (tenantId != null) {
            request.tenant(tenantId);
            fresh.tenant(tenantId);
        }
        this.parameters = request.build();
        this.freshParameters = fresh.build();
        this.allowedHosts = new AllowedHostsValidator(URI.create(graphEndpoint).getHost());
        this.clock = clock;
        this.onCredentialRejected = onCredentialRejected;
    }

    @Override
    public String getAuthorizationToken(URI uri, Map<String, Object> additionalAuthenticationContext) {
        if (!allowedHosts.isUrlHostValid(uri)) {
            return "";
        }
        return token();
    }

    @Override
    public AllowedHostsValidator getAllowedHostsValidator() {
        return allowedHosts;
    }

    /** A valid access token, fetched only when none is held or the held one is about to expire. */
    String token() {
        CachedToken current = cached;
        if (current != null && current.validAt(clock.instant())) {
            return current.accessToken();
        }
        synchronized (this) {
            current = cached;
            if (current == null || !current.validAt(clock.instant())) {
                current = acquire();
                cached = current;
            }
            return current.accessToken();
        }
    }

    /**
     * Graph refused the held token (401: revoked or expired early): forget it, and let the next request fetch a new
     * one from the authority, bypassing MSAL's own cache too.
     */
    void invalidate() {
        synchronized (this) {
            cached = null;
            refuseCached = true;
        }
    }

    private CachedToken acquire() {
        try {
            IAuthenticationResult result = app.acquireToken(refuseCached ? freshParameters : parameters).join();
            refuseCached = false;
            return new CachedToken(result.accessToken(), clock.instant(), result.expiresOnDate().toInstant());
        } catch (CompletionException e) {
            throw translate(e.getCause() == null ? e : e.getCause());
        } catch (MsalException e) {
            throw translate(e);
        }
    }

    private DirectorySourceException translate(Throwable failure) {
        if (failure instanceof MsalServiceException service) {
            onCredentialRejected.run();
            String aadsts = aadstsCode(service.getMessage());
            String code = service.errorCode() + (aadsts == null ? "" : " / " + aadsts);
            int status = service.statusCode() == null ? 0 : service.statusCode();
            return new DirectorySourceException(tenantKey, status, aadsts != null ? aadsts : service.errorCode(),
                    "tenant '" + tenantKey + "': token request to " + app.authority() + " was refused: " + code
                            + " (HTTP " + status + ")", null);
        }
        java.util.Optional<NetworkFailure> network = NetworkFailure.of(failure);
        if (network.isPresent()) {
            // DNS, refused, TLS trust, timeout: what an admin can act on, in words (never a Java type name)
            return new DirectorySourceException(tenantKey, 0, network.get().code(), "tenant '" + tenantKey
                    + "': token request to " + app.authority() + " failed: " + network.get().detail(), null);
        }
        String code = failure instanceof MsalException msal && msal.errorCode() != null ? msal.errorCode()
                : "token_request_failed";
        String cause = failure.getMessage() == null ? "" : failure.getMessage();
        if (cause.length() > 300) {
            cause = cause.substring(0, 300) + "...";
        }
        return new DirectorySourceException(tenantKey, 0, code,
                "tenant '" + tenantKey + "': token request to " + app.authority() + " failed: " + code
                        + (cause.isEmpty() ? "" : " (" + cause + ")"), null);
    }

    private static String aadstsCode(String message) {
        if (message == null) {
            return null;
        }
        Matcher matcher = AADSTS.matcher(message);
        return matcher.find() ? matcher.group() : null;
    }

    /** Valid until {@link #REFRESH_MARGIN} (at most half its lifetime) before it expires. */
    private record CachedToken(String accessToken, Instant acquiredAt, Instant expiresOn) {

        boolean validAt(Instant now) {
            Duration halfLife = Duration.between(acquiredAt, expiresOn).dividedBy(2);
            Duration margin = halfLife.compareTo(REFRESH_MARGIN) < 0 ? halfLife : REFRESH_MARGIN;
            return now.plus(margin).isBefore(expiresOn);
        }

        @Override
        public String toString() {
            return "CachedToken[expiresOn=" + expiresOn + "]";
        }
    }
}
