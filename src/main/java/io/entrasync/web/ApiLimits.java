package io.entrasync.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings under {@code entra-sync.api.*}: request size limits and the rate limit of manual sync triggers.
 *
 * @param maxBodySize             largest request body of an {@code /api} call (JSON, mapping files)
 * @param maxImportSize           largest CSV body of {@code POST /api/import}
 * @param syncTriggerBurst        manual triggers ({@code POST /api/tenants/{t}/sync}) a tenant may take at once
 * @param syncTriggersPerMinute   the rate at which that burst refills
 */
@ConfigurationProperties("entra-sync.api")
public record ApiLimits(
        @DefaultValue("1MB") DataSize maxBodySize,
        @DefaultValue("20MB") DataSize maxImportSize,
        @DefaultValue("20") int syncTriggerBurst,
        @DefaultValue("20") int syncTriggersPerMinute) {

    public ApiLimits {
        if (maxBodySize == null || maxBodySize.toBytes() <= 0) {
            throw new IllegalArgumentException("entra-sync.api.max-body-size must be positive, was " + maxBodySize);
        }
        if (maxImportSize == null || maxImportSize.toBytes() <= 0) {
            throw new IllegalArgumentException("entra-sync.api.max-import-size must be positive, was " + maxImportSize);
        }
        if (syncTriggerBurst < 1 || syncTriggersPerMinute < 1) {
            throw new IllegalArgumentException("entra-sync.api.sync-trigger-burst and sync-triggers-per-minute must be "
                    + ">= 1, were " + syncTriggerBurst + " and " + syncTriggersPerMinute);
        }
    }
}
