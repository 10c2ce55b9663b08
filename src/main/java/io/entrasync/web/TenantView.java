package io.entrasync.web;

import io.entrasync.mapping.MappingError;
import io.entrasync.mapping.TenantMappingStatus;
import io.entrasync.mapping.TenantSummary;
import java.util.List;

/**
 * One entry of {@code GET /api/tenants}: a mapping file and the tenant it configures. For an invalid file the
 * settings are shown as written (null when unreadable) next to its errors. Later issues add components (next fire
 * time, last run); build instances only through {@link #of}, so such additions touch this file alone.
 *
 * @param tenant the tenant key, null when the file does not name one readably
 */
record TenantView(
        String tenant,
        String file,
        boolean valid,
        String cloud,
        String tenantId,
        String schedule,
        String fullSyncSchedule,
        String timeZone,
        List<MappingError> errors) {

    static TenantView of(TenantMappingStatus status) {
        TenantSummary summary = status.summary();
        return new TenantView(summary.tenant(), status.file(), status.valid(), summary.cloud(), summary.tenantId(),
                summary.schedule(), summary.fullSyncSchedule(), summary.timeZone(), status.errors());
    }
}
