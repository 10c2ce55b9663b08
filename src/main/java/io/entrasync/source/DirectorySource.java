package io.entrasync.source;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads a tenant's directory as delta streams. Pages are handed to the consumer one at a time, in order, and
 * nothing holds the whole tenant in memory. A consumer that throws aborts the read (the exception propagates).
 * Failures that retries could not overcome surface as {@link DirectorySourceException}.
 */
public interface DirectorySource {

    /**
     * Reads {@code users/delta} from {@code deltaLink}, or from scratch when it is null.
     *
     * @param priorityLow true for scheduled runs: sends {@code x-ms-throttle-priority: Low}
     * @return the new deltaLink once the last page was consumed, or {@link DeltaOutcome.ResyncRequired}
     */
    DeltaOutcome readUsers(TenantConnection tenant, String deltaLink, boolean priorityLow, Consumer<UserPage> pages);

    /** Reads {@code groups/delta} (with members) the same way as {@link #readUsers}. */
    DeltaOutcome readGroups(TenantConnection tenant, String deltaLink, boolean priorityLow, Consumer<GroupPage> pages);

    /**
     * Confirms whether a user still exists ({@code GET /users/{id}}): false only on a 404, true on 200.
     * Any other answer throws, so a flaky directory never confirms a removal.
     */
    boolean userExists(TenantConnection tenant, String userId);

    /**
     * Of {@code userIds}, those the directory confirms it has no user for (hard- or soft-deleted alike); never
     * null. Any answer that cannot confirm it throws, like {@link #userExists}. The default asks once per id; Graph
     * asks in batches ({@code POST /directoryObjects/getByIds}).
     */
    default Set<String> missingUsers(TenantConnection tenant, Collection<String> userIds) {
        Set<String> missing = new LinkedHashSet<>();
        for (String id : userIds) {
            if (!userExists(tenant, id)) {
                missing.add(id);
            }
        }
        return missing;
    }
}
