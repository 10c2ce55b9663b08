package io.entrasync.graph;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.IClientCredential;
import io.entrasync.source.DirectorySourceException;
import io.entrasync.source.TenantConnection;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.nio.file.attribute.PosixFilePermission;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a tenant's credential reference into an MSAL credential: a secret from an environment variable or a
 * file, or a certificate and its PKCS#8 private key from PEM files. Secrets never appear in messages.
 */
final class CredentialLoader {

    private static final Logger log = LoggerFactory.getLogger(CredentialLoader.class);
    private static final Set<PosixFilePermission> LOOSE = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    private final Function<String, String> environment;

    CredentialLoader(Function<String, String> environment) {
        this.environment = environment;
    }

    IClientCredential load(TenantConnection tenant) {
        TenantConnection.Credentials refs = tenant.credentials();
        if (refs == null) {
            throw failure(tenant, "has no credentials configured");
        }
        if (refs.clientSecretEnv() != null && !refs.clientSecretEnv().isBlank()) {
            String secret = environment.apply(refs.clientSecretEnv());
            if (secret == null || secret.isBlank()) {
                throw failure(tenant, "client secret environment variable " + refs.clientSecretEnv() + " is not set");
            }
            return ClientCredentialFactory.createFromSecret(secret.strip());
        }
        if (refs.clientSecretFile() != null) {
            return ClientCredentialFactory.createFromSecret(readSecretFile(tenant, refs.clientSecretFile()));
        }
        if (refs.certificateFile() != null && refs.privateKeyFile() != null) {
            return ClientCredentialFactory.createFromCertificate(
                    privateKey(tenant, refs.privateKeyFile()), certificate(tenant, refs.certificateFile()));
        }
        throw failure(tenant, "needs clientSecretEnv, clientSecretFile, or certificateFile with privateKeyFile");
    }

    private static String readSecretFile(TenantConnection tenant, Path file) {
        warnIfLoose(tenant, file, "client secret file");
        try {
            String secret = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (secret.isEmpty()) {
                throw failure(tenant, "client secret file " + file + " is empty");
            }
            return secret;
        } catch (IOException e) {
            throw failure(tenant, "cannot read client secret file " + file + ": " + why(e));
        }
    }

    /** Why a file could not be read, in words shown to an admin (never the Java type of the failure). */
    static String why(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.charset.CharacterCodingException) {
            return "not text in the expected encoding";
        }
        return "the file cannot be read";
    }

    private static X509Certificate certificate(TenantConnection tenant, Path file) {
        try {
            byte[] der = pemBody(Files.readString(file, StandardCharsets.US_ASCII), "CERTIFICATE");
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw failure(tenant, "cannot read certificate PEM " + file + ": " + e.getMessage());
        }
    }

    private static PrivateKey privateKey(TenantConnection tenant, Path file) {
        warnIfLoose(tenant, file, "private key file");
        byte[] der;
        try {
            der = pemBody(Files.readString(file, StandardCharsets.US_ASCII), "PRIVATE KEY");
        } catch (IOException | IllegalArgumentException e) {
            throw failure(tenant, "cannot read private key PEM " + file + " (PKCS#8 'BEGIN PRIVATE KEY' expected): "
                    + (e instanceof IOException io ? why(io) : "not a PEM private key"));
        }
        try {
            // Entra ID and MSAL4J sign client assertions with RSA only (the mapping check refuses EC and short keys)
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw failure(tenant, "private key " + file + " is not an RSA PKCS#8 key (Entra ID needs RSA, 2048 bits "
                    + "or more)");
        }
    }

    /**
     * Warns (never fails: the file may live on a volume whose modes we do not control) when a file holding key
     * material can be read or written by its group or by others. Silent where POSIX permissions do not exist.
     */
    static boolean warnIfLoose(TenantConnection tenant, Path file, String what) {
        Set<PosixFilePermission> loose;
        try {
            loose = EnumSet.copyOf(Files.getPosixFilePermissions(file));
        } catch (UnsupportedOperationException | IOException | IllegalArgumentException e) {
            return false;
        }
        loose.retainAll(LOOSE);
        if (loose.isEmpty()) {
            return false;
        }
        log.warn("tenant {}: {} {} is accessible to others ({}); restrict it to its owner, e.g. chmod 600",
                tenant.tenantKey(), what, file, loose);
        return true;
    }

    private static byte[] pemBody(String pem, String label) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end, Math.max(from, 0));
        if (from < 0 || to < 0) {
            throw new IllegalArgumentException("no " + begin + " block");
        }
        return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
    }

    private static DirectorySourceException failure(TenantConnection tenant, String what) {
        return new DirectorySourceException(tenant.tenantKey(), 0, "credential_unavailable",
                "tenant '" + tenant.tenantKey() + "': credential " + what, null);
    }
}
