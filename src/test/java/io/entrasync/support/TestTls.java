package io.entrasync.support;

import io.entrasync.graph.TlsTrust;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Optional;

/**
 * A self-signed PKCS12 keystore (made with keytool into target/) whose SAN covers localhost and 127.0.0.1, for
 * WireMock over https; and a {@link TlsTrust} that trusts exactly it.
 */
public final class TestTls {

    public static final char[] PASSWORD = "changeit".toCharArray();
    public static final Path KEYSTORE = Path.of("target", "graph-test-tls", "localhost.p12");

    private TestTls() {
    }

    /** Trusts exactly the test keystore, for every tenant. */
    public static TlsTrust trust() {
        TlsTrust.TrustMaterial material = TlsTrust.TrustMaterial.trusting(keystore());
        return tenant -> Optional.of(material);
    }

    public static KeyStore keystore() {
        ensureKeystore();
        try (InputStream in = Files.newInputStream(KEYSTORE)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD);
            return store;
        } catch (Exception e) {
            throw new IllegalStateException("cannot load " + KEYSTORE, e);
        }
    }

    public static synchronized void ensureKeystore() {
        if (Files.exists(KEYSTORE)) {
            return;
        }
        try {
            Files.createDirectories(KEYSTORE.getParent());
            Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "localhost", "-keyalg", "RSA", "-keysize", "2048", "-validity", "30",
                    "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                    "-storetype", "PKCS12", "-keystore", KEYSTORE.toString(),
                    "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                    .redirectErrorStream(true).start();
            String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (keytool.waitFor() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
