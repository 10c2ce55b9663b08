package io.entrasync.mapping;

import static io.entrasync.mapping.TestMappings.HEADER;
import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.support.TestTls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A certificate credential is checked when the mapping is loaded: Entra ID and MSAL4J sign client assertions with
 * RSA only, of 2048 bits or more; the error names the file, the line and the key.
 */
class SigningKeyCheckTest {

    private static final String SITES = "sites: [ { default: HQ } ]\n";

    @TempDir
    Path dir;

    private final MappingLoader loader = new MappingLoader();

    @Test
    void ecPrivateKey_isRejectedNamingFileAndKey() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        Path key = pem("ec.key", "PRIVATE KEY", ec.generateKeyPair().getPrivate().getEncoded());

        List<String> errors = errors(certificate(), key);

        assertThat(errors).singleElement().satisfies(e -> assertThat(e).startsWith("contoso.yaml:6:")
                .contains("credentials.privateKeyFile: " + key + " holds an EC key",
                        "sign client assertions with RSA only", "2048 bits or more"));
    }

    @Test
    void shortRsaKey_isRejectedNamingItsSize() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        Path key = pem("short.key", "PRIVATE KEY", rsa.generateKeyPair().getPrivate().getEncoded());

        assertThat(errors(certificate(), key)).singleElement().satisfies(e -> assertThat(e)
                .contains("credentials.privateKeyFile: " + key + " holds an RSA key of 1024 bits",
                        "RSA keys of 2048 bits or more"));
    }

    @Test
    void rsaKeyOf2048BitsAndItsCertificate_areAccepted() throws Exception {
        KeyStore store = TestTls.keystore();
        Path key = pem("app.key", "PRIVATE KEY", ((PrivateKey) store.getKey("localhost", TestTls.PASSWORD)).getEncoded());

        assertThat(errors(certificate(), key)).isEmpty();
    }

    @Test
    void filesNotThereYet_areLeftToTheTokenRequest() {
        assertThat(errors(dir.resolve("mounted-later.crt"), dir.resolve("mounted-later.key"))).isEmpty();
    }

    private List<String> errors(Path certificate, Path key) {
        String yaml = HEADER.replace("{ clientSecretEnv: CONTOSO_SECRET }", "\n  certificateFile: " + certificate
                + "\n  privateKeyFile: " + key) + SITES;
        return loader.load("contoso.yaml", yaml).errors().stream().map(MappingError::toString).toList();
    }

    private Path certificate() throws Exception {
        KeyStore store = TestTls.keystore();
        return pem("app.crt", "CERTIFICATE", store.getCertificate("localhost").getEncoded());
    }

    private Path pem(String name, String label, byte[] der) throws Exception {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
        return Files.writeString(dir.resolve(name), "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label
                + "-----\n");
    }
}
