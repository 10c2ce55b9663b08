package io.entrasync.graph;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.graph.core.requests.GraphClientFactory;
import com.microsoft.graph.core.requests.options.GraphClientOption;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.authentication.BaseBearerTokenAuthenticationProvider;
import com.microsoft.kiota.http.KiotaClientFactory;
import com.microsoft.kiota.http.middleware.AuthorizationHandler;
import com.microsoft.kiota.http.middleware.RetryHandler;
import io.entrasync.source.DirectorySourceException;
import io.entrasync.source.TenantConnection;
import java.net.MalformedURLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;

/**
 * Builds and caches one {@link TenantClient} per tenant (Caffeine, at most
 * {@link GraphProperties#clientCacheSize()}). The key holds everything that changes the clients — tenant key and
 * id, client id, authority, Graph endpoint and the credential reference — so an edited mapping file gets fresh
 * clients. A refused credential evicts the entry so a rotated secret is read again.
 * <p>
 * Every tenant's HTTP client shares one connection pool: an MSP's tenants all talk to the same Graph host, so a run
 * reuses a warm TLS connection another tenant's run left instead of paying a handshake per run (with a thousand
 * small tenants, the handshakes were the largest CPU cost of a delta round). Connections are shared only between
 * clients with the same TLS trust: the clients are derived from one base client per trust material, so OkHttp
 * sees equal addresses. The bearer token is added per request, by each tenant's own interceptor.
 */
final class TenantClients {

    /** Idle connections kept for reuse: 4 runs at once, each reading users and groups in parallel, plus lookups. */
    static final int IDLE_CONNECTIONS = 16;

    private final GraphProperties properties;
    private final TlsTrust tlsTrust;
    private final CredentialLoader credentials;
    private final Clock clock;
    private final Cache<ClientKey, TenantClient> cache;
    /**
     * Idle connections are dropped before servers and proxies usually close them (the JDK server of the simulator
     * after 30 s): with retries of our own and OkHttp's silent retry off, a stale pooled connection would otherwise
     * cost a run a retry.
     */
    private final okhttp3.ConnectionPool connections = new okhttp3.ConnectionPool(IDLE_CONNECTIONS, 20,
            java.util.concurrent.TimeUnit.SECONDS);
    private final OkHttpClient jvmTrustBase;
    private final Map<TlsTrust.TrustMaterial, OkHttpClient> bases = new ConcurrentHashMap<>();
    /**
     * The MSP's multi-tenant app: one MSAL application for every tenant using it (its token cache is keyed by
     * tenant; each request names its tenant), instead of one per tenant holding the same credential.
     */
    private final Map<SharedAppKey, ConfidentialClientApplication> sharedApps = new ConcurrentHashMap<>();

    TenantClients(GraphProperties properties, TlsTrust tlsTrust, CredentialLoader credentials, Clock clock) {
        this.properties = properties;
        this.tlsTrust = tlsTrust;
        this.credentials = credentials;
        this.clock = clock;
        this.cache = Caffeine.newBuilder()
                .maximumSize(properties.clientCacheSize())
                .expireAfterAccess(Duration.ofHours(12))
                .build();
        this.jvmTrustBase = base(null);
    }

    TenantClient forTenant(TenantConnection tenant) {
        ClientKey key = ClientKey.of(tenant);
        return cache.get(key, k -> create(k, tenant));
    }

    private TenantClient create(ClientKey key, TenantConnection tenant) {
        if (key.graphEndpoint() == null || key.authorityHost() == null) {
            throw new DirectorySourceException(tenant.tenantKey(), 0, "configuration",
                    "tenant '" + tenant.tenantKey() + "': cloud " + tenant.cloud()
                            + " needs both graphEndpoint and authorityHost", null);
        }
        Optional<TlsTrust.TrustMaterial> trust = tlsTrust.forTenant(tenant);
        MsalTokenProvider tokens;
        if (tenant.credentials() != null && tenant.credentials().mspApp()) {
            SharedAppKey shared = new SharedAppKey(key.clientId(), key.authorityHost(), key.credentials(),
                    trust.orElse(null));
            ConfidentialClientApplication app = sharedApps.computeIfAbsent(shared,
                    k -> msalApp(key, tenant, trust, key.authorityHost() + "/organizations/"));
            // a refused credential drops the shared app too, so a rotated secret file is read again
            tokens = new MsalTokenProvider(tenant.tenantKey(), tenant.tenantId(), app, key.graphEndpoint(), clock,
                    () -> {
                        cache.invalidate(key);
                        sharedApps.remove(shared, app);
                    });
        } else {
            tokens = new MsalTokenProvider(tenant.tenantKey(), null, msalApp(key, tenant, trust, key.authority()),
                    key.graphEndpoint(), clock, () -> cache.invalidate(key));
        }
        OkHttpClient http = httpClient(tokens, trust);
        GraphServiceClient graph = new GraphServiceClient(new BaseBearerTokenAuthenticationProvider(tokens), http);
        String baseUrl = key.graphEndpoint() + "/v1.0";
        graph.getRequestAdapter().setBaseUrl(baseUrl);
        return new TenantClient(tokens, graph, http, baseUrl);
    }

    private ConfidentialClientApplication msalApp(ClientKey key, TenantConnection tenant,
            Optional<TlsTrust.TrustMaterial> trust, String authority) {
        boolean custom = tenant.cloud() == TenantConnection.Cloud.CUSTOM;
        try {
            ConfidentialClientApplication.Builder builder = ConfidentialClientApplication
                    .builder(key.clientId(), credentials.load(tenant))
                    .authority(authority)
                    .connectTimeoutForDefaultHttpClient((int) properties.connectTimeout().toMillis())
                    .readTimeoutForDefaultHttpClient((int) properties.readTimeout().toMillis());
            if (custom) {
                builder.validateAuthority(false).instanceDiscovery(false);
            }
            trust.ifPresent(material -> builder.sslSocketFactory(material.socketFactory()));
            return builder.build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new DirectorySourceException(tenant.tenantKey(), 0, "configuration",
                    "tenant '" + tenant.tenantKey() + "': invalid authority " + authority + ": "
                            + e.getMessage(), null);
        }
    }

    /** Graph's default middleware minus its RetryHandler: {@link RetryingFetcher} retries, bounded and counted. */
    private OkHttpClient httpClient(MsalTokenProvider tokens, Optional<TlsTrust.TrustMaterial> trust) {
        OkHttpClient.Builder builder = trust.map(material -> bases.computeIfAbsent(material, this::base))
                .orElse(jvmTrustBase).newBuilder();
        builder.addInterceptor(new AuthorizationHandler(new BaseBearerTokenAuthenticationProvider(tokens)));
        for (Interceptor interceptor : GraphClientFactory.createDefaultGraphInterceptors(new GraphClientOption())) {
            if (!(interceptor instanceof RetryHandler)) {
                builder.addInterceptor(interceptor);
            }
        }
        return builder.build();
    }

    /**
     * The interceptor-free client the tenants of one trust material derive from ({@code null}: the JVM's trust
     * store). Derived clients keep its SSL socket factory and certificate chain cleaner instances, which is what
     * lets OkHttp's pool hand one tenant's idle connection to another.
     */
    private OkHttpClient base(TlsTrust.TrustMaterial trust) {
        OkHttpClient.Builder builder = KiotaClientFactory.create(List.of())
                .connectTimeout(properties.connectTimeout())
                .readTimeout(properties.readTimeout())
                .writeTimeout(properties.readTimeout())
                .retryOnConnectionFailure(false)
                .connectionPool(connections);
        if (trust != null) {
            builder.sslSocketFactory(trust.socketFactory(), trust.trustManager());
        }
        return builder.build();
    }

    /** What identifies the MSP app's one MSAL application; references to secrets, never secrets. */
    private record SharedAppKey(String clientId, String authorityHost, TenantConnection.Credentials credentials,
            TlsTrust.TrustMaterial trust) { }

    /** What identifies a tenant's clients; holds references to secrets, never secrets. */
    record ClientKey(String tenantKey, String tenantId, String clientId, String authorityHost, String authority,
            String graphEndpoint, TenantConnection.Credentials credentials) {

        static ClientKey of(TenantConnection tenant) {
            String host = stripSlash(tenant.effectiveAuthorityHost());
            String graph = stripSlash(tenant.effectiveGraphEndpoint());
            return new ClientKey(tenant.tenantKey(), tenant.tenantId(), tenant.clientId(), host,
                    host + "/" + tenant.tenantId() + "/", graph, tenant.credentials());
        }

        private static String stripSlash(String url) {
            return url == null || !url.endsWith("/") ? url : url.substring(0, url.length() - 1);
        }
    }
}
