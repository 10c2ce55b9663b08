package io.entrasync.simulator;

import io.entrasync.graph.GraphDirectorySource;
import io.entrasync.graph.GraphProperties;
import io.entrasync.source.DeltaOutcome;
import io.entrasync.source.GroupPage;
import io.entrasync.source.TenantConnection;
import io.entrasync.source.UserPage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Test helper: a simulated tenant read through the real {@link GraphDirectorySource}. */
final class SimulatedTenant {

    static final Path KEYSTORE_DIR = Path.of("target", "simulator-test-tls");
    static final String CLIENT_ID = "00000000-0000-0000-0000-0000000000c1";
    static final String SECRET = "demo-secret";

    final GraphSimulator simulator;
    final String tenantId;
    final GraphDirectorySource source;

    SimulatedTenant(GraphSimulator simulator, String tenantId) {
        this.simulator = simulator;
        this.tenantId = tenantId;
        GraphProperties properties = new GraphProperties(1, Duration.ofSeconds(1), Duration.ofMillis(50),
                Duration.ofSeconds(5), Duration.ofSeconds(60), 100, Duration.ofMinutes(1));
        this.source = new GraphDirectorySource(properties,
                new SimulatorTlsTrust(simulator.trustStore(), simulator.port()));
    }

    TenantConnection connection(String secret) {
        Path file = KEYSTORE_DIR.resolve("secret-" + Integer.toHexString(secret.hashCode()));
        try {
            Files.createDirectories(KEYSTORE_DIR);
            Files.writeString(file, secret);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return connection(new TenantConnection.Credentials(null, file, null, null));
    }

    TenantConnection connection(TenantConnection.Credentials credentials) {
        return new TenantConnection("sim-" + tenantId, tenantId, CLIENT_ID, credentials, TenantConnection.Cloud.CUSTOM,
                simulator.baseUrl(), simulator.baseUrl());
    }

    /** A certificate that is not the simulator's (the JDK's default trust store has plenty). */
    static java.security.cert.Certificate otherCertificate() throws Exception {
        javax.net.ssl.TrustManagerFactory factory = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        factory.init((java.security.KeyStore) null);
        return ((javax.net.ssl.X509TrustManager) factory.getTrustManagers()[0]).getAcceptedIssuers()[0];
    }

    TenantConnection connection() {
        return connection(SECRET);
    }

    Read<UserPage> users(String deltaLink) {
        List<UserPage> pages = new ArrayList<>();
        DeltaOutcome outcome = source.readUsers(connection(), deltaLink, false, pages::add);
        return new Read<>(pages, outcome);
    }

    Read<GroupPage> groups(String deltaLink) {
        List<GroupPage> pages = new ArrayList<>();
        DeltaOutcome outcome = source.readGroups(connection(), deltaLink, false, pages::add);
        return new Read<>(pages, outcome);
    }

    record Read<P>(List<P> pages, DeltaOutcome outcome) {

        String deltaLink() {
            return ((DeltaOutcome.Completed) outcome).deltaLink();
        }
    }
}
