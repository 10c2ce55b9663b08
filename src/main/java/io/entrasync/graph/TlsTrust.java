package io.entrasync.graph;

import io.entrasync.source.TenantConnection;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Decides which certificates a tenant's token and Graph endpoints may present. The default,
 * {@link #jvmDefault()}, answers empty for every tenant: the JVM trust store decides (the standard
 * {@code javax.net.ssl.trustStore*} system properties). A non-empty answer replaces it for that tenant only, e.g.
 * the demo simulator's own keystore. Never return a trust-all manager.
 */
@FunctionalInterface
public interface TlsTrust {

    /**
     * @return the trust material for this tenant, or empty to use the JVM's trust store; never null
     */
    Optional<TrustMaterial> forTenant(TenantConnection tenant);

    /** Trusts what the JVM trusts, for every tenant. */
    static TlsTrust jvmDefault() {
        return tenant -> Optional.empty();
    }

    /**
     * An SSL socket factory with the trust manager it was built from (OkHttp needs both).
     *
     * @param socketFactory for MSAL and OkHttp
     * @param trustManager  the manager behind {@code socketFactory}
     */
    record TrustMaterial(SSLSocketFactory socketFactory, X509TrustManager trustManager) {

        /** Trusts exactly the certificates of {@code trustStore} (no others, never all). */
        public static TrustMaterial trusting(KeyStore trustStore) {
            try {
                TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init(trustStore);
                X509TrustManager manager = null;
                for (TrustManager candidate : factory.getTrustManagers()) {
                    if (candidate instanceof X509TrustManager x509) {
                        manager = x509;
                    }
                }
                if (manager == null) {
                    throw new IllegalStateException("no X509 trust manager for the given trust store");
                }
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new TrustManager[] {manager}, null);
                return new TrustMaterial(context.getSocketFactory(), manager);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot build an SSL context from the trust store: " + e.getMessage(), e);
            }
        }
    }
}
