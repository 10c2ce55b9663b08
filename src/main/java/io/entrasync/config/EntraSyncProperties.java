package io.entrasync.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code entra-sync.*}.
 *
 * @param adminToken  the bearer token every {@code /api} call needs ({@code ENTRA_SYNC_ADMIN_TOKEN}); blank means
 *                    "generate one at start-up and log it once"
 * @param mappingsDir directory holding one {@code <tenant>.yaml} per tenant ({@code ENTRA_SYNC_MAPPINGS_DIR})
 */
@ConfigurationProperties("entra-sync")
public record EntraSyncProperties(String adminToken, @DefaultValue("./mappings") Path mappingsDir) {

    @Override
    public String toString() {
        return "EntraSyncProperties[adminToken=" + (adminToken == null || adminToken.isBlank() ? "<generated>" : "<set>")
                + ", mappingsDir=" + mappingsDir + "]";
    }
}
