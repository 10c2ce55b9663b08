package io.entrasync.alert;

import io.entrasync.fleet.TenantConditions;
import io.entrasync.notify.NotificationStatus;
import java.time.Instant;

/**
 * What the service knows of one tenant, read in a few queries for all tenants at once.
 *
 * @param tenant         the tenant key, never null
 * @param heldSince      when the tenant's hold began; null when it is not held
 * @param holdPending    the hold waits for a decision (false once rejected)
 * @param holdReason     the guard's verdict; null when not held
 * @param failuresInARow how many of its newest ended runs failed in a row (0 after a success or a hold)
 * @param lastError      the newest failed run's error; null without one
 * @param mappingError   the first error of its mapping file; null when the file is valid or absent
 * @param notifications  its change-notification state; null when unknown
 * @param lastSuccess    when its newest successful run ended; null before the first
 */
public record TenantFacts(String tenant, Instant heldSince, boolean holdPending, String holdReason, int failuresInARow,
                          String lastError, String mappingError, NotificationStatus notifications,
                          Instant lastSuccess) {

    /** A tenant the service knows nothing bad about. */
    public static TenantFacts healthy(String tenant) {
        return new TenantFacts(tenant, null, false, null, 0, null, null, null, null);
    }

    /** The same facts as the fleet view reads them, to be judged by its one definition of each state. */
    TenantConditions conditions() {
        return new TenantConditions(mappingError == null, heldSince != null, failuresInARow, notifications,
                lastSuccess);
    }
}
