package io.entrasync.reconcile;

import java.util.Optional;

/**
 * Port: the local accounts a chunk of directory users may touch, filled by the caller before planning.
 * Implementations never return null and never throw for an unknown key.
 */
public interface LocalAccounts {

    /** The account linked to {@code externalId} of {@code tenant}, if any. */
    Optional<LocalAccount> byExternalId(String tenant, String externalId);

    /**
     * The account using {@code email}, compared case-insensitively (null or blank finds nothing). The helpdesk
     * keeps emails unique; should two accounts share one, the lowest id is returned.
     */
    Optional<LocalAccount> byEmail(String email);
}
