package io.entrasync.reconcile;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which in-scope directory users of one tenant claim each email, as the caller knows it (ideally from the
 * whole tenant's mirror, not only the current chunk, so that a conflict is seen whatever the chunking).
 * Emails are compared case-insensitively. Immutable.
 */
public final class EmailClaims {

    private static final EmailClaims NONE = new EmailClaims(Map.of());

    private final Map<String, SortedSet<String>> claimants;

    private EmailClaims(Map<String, SortedSet<String>> claimants) {
        this.claimants = claimants;
    }

    /** No claims known: every user is taken to be the only claimant of its email. */
    public static EmailClaims none() {
        return NONE;
    }

    /** Claims per email (keys in any case; null or blank keys and null ids ignored). */
    public static EmailClaims of(Map<String, ? extends Collection<String>> claimsByEmail) {
        Map<String, SortedSet<String>> copy = new HashMap<>();
        Objects.requireNonNull(claimsByEmail, "claimsByEmail").forEach((email, ids) -> {
            String key = Values.normalizeEmail(email);
            if (key != null && ids != null) {
                ids.stream().filter(Objects::nonNull)
                        .forEach(id -> copy.computeIfAbsent(key, k -> new TreeSet<>()).add(id));
            }
        });
        return new EmailClaims(copy);
    }

    /** The claims of the {@link Desired.Present} users in {@code desired}; other kinds claim nothing. */
    public static EmailClaims fromDesired(Collection<? extends Desired> desired) {
        Map<String, Collection<String>> claims = new HashMap<>();
        for (Desired each : desired) {
            if (each instanceof Desired.Present present) {
                claims.computeIfAbsent(present.account().email(), k -> new TreeSet<>()).add(present.externalId());
            }
        }
        return of(claims);
    }

    /** The union of this and {@code other}'s claims. */
    public EmailClaims and(EmailClaims other) {
        Map<String, SortedSet<String>> union = new HashMap<>();
        claimants.forEach((email, ids) -> union.computeIfAbsent(email, k -> new TreeSet<>()).addAll(ids));
        other.claimants.forEach((email, ids) -> union.computeIfAbsent(email, k -> new TreeSet<>()).addAll(ids));
        return new EmailClaims(union);
    }

    /**
     * The directory users claiming {@code email}, sorted, always including {@code claimant} itself (so the
     * caller may leave a user's own claim out). Never null.
     */
    public SortedSet<String> claimants(String email, String claimant) {
        SortedSet<String> result = new TreeSet<>(claimants.getOrDefault(Values.normalizeEmail(email), emptySet()));
        result.add(Objects.requireNonNull(claimant, "claimant"));
        return Collections.unmodifiableSortedSet(result);
    }

    private static SortedSet<String> emptySet() {
        return Collections.emptySortedSet();
    }
}
