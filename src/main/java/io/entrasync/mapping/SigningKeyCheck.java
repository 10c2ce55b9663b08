package io.entrasync.mapping;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.RSAKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * Checks a certificate credential when the mapping is loaded: Entra ID and MSAL4J sign client assertions with RSA
 * only (RS256/PS256), and Entra refuses RSA keys under 2048 bits. A file that cannot be read yet (a secret volume
 * mounted later) is left to the token request, which names it; only what is readable and wrong is reported here.
 */
final class SigningKeyCheck {

    static final int MIN_RSA_BITS = 2048;

    private SigningKeyCheck() {
    }

    /** What is wrong with one file of the pair. */
    record Problem(String key, String message) {
    }

    /** The first problem of the key, then of the certificate; null when both are fine or not readable. */
    static Problem check(Path privateKeyFile, Path certificateFile) {
        Problem key = privateKeyFile == null ? null : privateKey(privateKeyFile);
        return key != null || certificateFile == null ? key : certificate(certificateFile);
    }

    private static Problem privateKey(Path file) {
        String pem = read(file);
        if (pem == null) {
            return null;
        }
        if (pem.contains("-----BEGIN EC PRIVATE KEY-----")) {
            return notRsa("privateKeyFile", file, "an EC key");
        }
        byte[] der = body(pem, "PRIVATE KEY");
        if (der == null) {
            return null;
        }
        try {
            return size("privateKeyFile", file, (RSAKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(der)));
        } catch (GeneralSecurityException | ClassCastException notRsa) {
            try {
                KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
                return notRsa("privateKeyFile", file, "an EC key");
            } catch (GeneralSecurityException other) {
                return null; // not a key we can read: the token request reports it with the file's name
            }
        }
    }

    private static Problem certificate(Path file) {
        if (!Files.isReadable(file)) {
            return null;
        }
        try (InputStream in = Files.newInputStream(file)) {
            PublicKey key = CertificateFactory.getInstance("X.509").generateCertificate(in).getPublicKey();
            return key instanceof RSAKey rsa ? size("certificateFile", file, rsa)
                    : notRsa("certificateFile", file, "a certificate for a " + key.getAlgorithm() + " key");
        } catch (IOException | GeneralSecurityException e) {
            return null;
        }
    }

    private static Problem size(String key, Path file, RSAKey rsa) {
        int bits = rsa.getModulus().bitLength();
        return bits >= MIN_RSA_BITS ? null : new Problem(key, file + " holds an RSA key of " + bits
                + " bits; Entra ID needs RSA keys of " + MIN_RSA_BITS + " bits or more");
    }

    private static Problem notRsa(String key, Path file, String found) {
        return new Problem(key, file + " holds " + found + "; Entra ID and MSAL4J sign client assertions with RSA "
                + "only: use an RSA key of " + MIN_RSA_BITS + " bits or more");
    }

    private static String read(Path file) {
        try {
            return Files.isReadable(file) ? Files.readString(file, StandardCharsets.US_ASCII) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static byte[] body(String pem, String label) {
        String begin = "-----BEGIN " + label + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf("-----END " + label + "-----");
        if (from < 0 || to < from) {
            return null;
        }
        try {
            return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
