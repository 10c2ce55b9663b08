package io.entrasync.simulator;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.ParseException;
import java.util.UUID;

/**
 * The RS256 key the demo sign-in signs its tokens with: made at first start into {@value #FILE_NAME} next to the
 * TLS keystore and reused after, so a signed-in page survives a restart. <strong>A demo key, not a secret</strong>:
 * the service trusts tokens of this issuer only while the simulator runs and no real issuer is configured.
 */
final class DemoSigningKey {

    static final String FILE_NAME = "demo-oidc-signing-key.json";

    private DemoSigningKey() {
    }

    static synchronized RSAKey loadOrCreate(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                try {
                    RSAKey existing = RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8));
                    if (existing.isPrivate()) {
                        return existing;
                    }
                } catch (ParseException e) {
                    // unreadable: made again below
                }
            }
            RSAKey key = new RSAKeyGenerator(2048).keyID("demo-" + UUID.randomUUID()).keyUse(KeyUse.SIGNATURE)
                    .generate();
            Files.createDirectories(directory);
            Path fresh = directory.resolve(FILE_NAME + ".tmp-" + ProcessHandle.current().pid());
            Files.writeString(fresh, key.toJSONString(), StandardCharsets.UTF_8);
            Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo sign-in key into " + directory, e);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate the demo sign-in key", e);
        }
    }
}
