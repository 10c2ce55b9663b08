package io.entrasync.simulator;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * The simulator's TLS key pair: a self-signed certificate for {@code localhost} and {@code 127.0.0.1}, made with
 * the JDK's {@code keytool} at first start into {@value #FILE_NAME} in the configured directory and reused after.
 * <strong>It is a demo keystore, not a secret</strong>: its password is fixed and public, and only the simulator
 * presents it. The app trusts its certificate for the simulator's endpoint alone ({@link SimulatorTlsTrust}).
 */
final class SimulatorKeystore {

    static final String FILE_NAME = "simulator-tls.p12";
    static final String ALIAS = "entra-sync-simulator";
    /** Public on purpose: the keystore protects nothing but a demo. */
    static final char[] PASSWORD = "demo-not-secret".toCharArray();

    private SimulatorKeystore() {
    }

    /** Loads the keystore from {@code directory}, making it first when missing or about to expire. */
    static synchronized KeyStore loadOrCreate(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                KeyStore existing = load(file);
                if (stillValid(existing)) {
                    return existing;
                }
            }
            Files.createDirectories(directory);
            Path fresh = directory.resolve(FILE_NAME + ".tmp-" + ProcessHandle.current().pid());
            Files.deleteIfExists(fresh);
            generate(fresh);
            Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return load(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the simulator keystore in " + directory, e);
        }
    }

    /** A trust store holding only the certificate (no private key). */
    static KeyStore trustStoreOf(KeyStore keyStore) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry(ALIAS, keyStore.getCertificate(ALIAS));
            return trust;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the simulator trust store", e);
        }
    }

    /**
     * The key pair as the RS256 key the demo sign-in signs its tokens with ({@link DemoOidcProvider}): one demo key
     * pair for TLS and tokens, made once with the keystore, so no second key is generated or stored. Its id is its
     * thumbprint, so a renewed keystore publishes a new id.
     */
    static RSAKey signingKey(KeyStore keyStore) {
        try {
            return new RSAKey.Builder(RSAKey.load(keyStore, ALIAS, PASSWORD)).keyUse(KeyUse.SIGNATURE)
                    .keyIDFromThumbprint().build();
        } catch (GeneralSecurityException | JOSEException e) {
            throw new IllegalStateException("cannot read the simulator's key for the demo sign-in", e);
        }
    }

    private static KeyStore load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD);
            return store;
        } catch (GeneralSecurityException e) {
            throw new IOException("unreadable keystore " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean stillValid(KeyStore store) {
        try {
            Certificate certificate = store.getCertificate(ALIAS);
            if (!(certificate instanceof X509Certificate) || !store.isKeyEntry(ALIAS)) {
                return false;
            }
            ((X509Certificate) certificate).checkValidity(Date.from(Instant.now().plus(Duration.ofDays(1))));
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static void generate(Path file) throws IOException {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process process = new ProcessBuilder(keytool, "-genkeypair", "-alias", ALIAS, "-keyalg", "RSA",
                "-keysize", "2048", "-validity", "825", "-dname", "CN=localhost, O=entra-sync demo simulator",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12", "-keystore", file.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new IOException("keytool failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running keytool", e);
        }
    }
}
