package io.entrasync.simulator;

import io.entrasync.graph.TlsTrust;
import io.entrasync.source.TenantConnection;
import java.net.URI;
import java.security.KeyStore;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Trusts the simulator's own certificate — and only it — for tenants whose Graph endpoint is the simulator
 * ({@code https://localhost:<port>} or {@code https://127.0.0.1:<port>}); every other tenant gets an empty answer,
 * i.e. the JVM trust store. Never trust-all.
 */
public final class SimulatorTlsTrust implements TlsTrust {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1");

    private final int port;
    private final TrustMaterial material;

    /**
     * @param trustStore the simulator's certificate ({@link GraphSimulator#trustStore()})
     * @param port       the simulator's port
     */
    public SimulatorTlsTrust(KeyStore trustStore, int port) {
        this.port = port;
        this.material = TrustMaterial.trusting(trustStore);
    }

    @Override
    public Optional<TrustMaterial> forTenant(TenantConnection tenant) {
        return isSimulator(tenant.effectiveGraphEndpoint()) ? Optional.of(material) : Optional.empty();
    }

    boolean isSimulator(String endpoint) {
        if (endpoint == null) {
            return false;
        }
        try {
            URI uri = URI.create(endpoint.strip());
            return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null
                    && LOOPBACK.contains(uri.getHost().toLowerCase(Locale.ROOT)) && uri.getPort() == port;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
