package io.entrasync.mapping;

/**
 * A mapping file's top-level settings as written (for a valid file: with defaults applied), each null when absent
 * or unreadable. Lets an admin see which tenant a broken file is about.
 */
public record TenantSummary(
        String tenant, String tenantId, String cloud, String schedule, String fullSyncSchedule, String timeZone) {

    static final TenantSummary UNREADABLE = new TenantSummary(null, null, null, null, null, null);

    TenantSummary withTenant(String key) {
        return new TenantSummary(key, tenantId, cloud, schedule, fullSyncSchedule, timeZone);
    }

    static TenantSummary of(TenantMapping mapping) {
        return new TenantSummary(mapping.tenant(), mapping.connection().tenantId(), mapping.cloudName(),
                mapping.schedule(), mapping.fullSyncSchedule(), mapping.timeZone().getId());
    }
}
