package io.entrasync.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The MSP's multi-tenant app ({@code ENTRA_SYNC_MSP_*}) configured against a {@link FakeDirectory}: a secret file next
 * to the mappings directory (owner-only, as a mounted secret is) and the {@code entra-sync.msp.*} settings pointing
 * MSAL and Graph at the fake's https endpoint.
 */
public final class MspAppSettings {

    public static final String CLIENT_ID = "bbbbbbbb-cccc-dddd-eeee-ffffffffffff";

    private MspAppSettings() {
    }

    /** Registers {@code mappings} as the mappings directory and the MSP app, with its secret file, against {@code graph}. */
    public static void register(DynamicPropertyRegistry registry, Path mappings, FakeDirectory graph) {
        try {
            Path secret = mappings.resolveSibling("msp.secret");
            Files.writeString(secret, "not-a-real-secret");
            Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
            registry.add("entra-sync.mappings-dir", () -> mappings.toAbsolutePath().toString());
            registry.add("entra-sync.msp.client-id", () -> CLIENT_ID);
            registry.add("entra-sync.msp.client-secret-file", () -> secret.toAbsolutePath().toString());
            registry.add("entra-sync.msp.cloud", () -> "custom");
            registry.add("entra-sync.msp.authority-host", graph::base);
            registry.add("entra-sync.msp.graph-endpoint", graph::base);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
