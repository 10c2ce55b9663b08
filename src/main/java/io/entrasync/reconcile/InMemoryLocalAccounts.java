package io.entrasync.reconcile;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@link LocalAccounts} over a fixed list of snapshots, for callers that load a chunk at once and for tests. */
public final class InMemoryLocalAccounts implements LocalAccounts {

    private final Map<String, LocalAccount> byLink = new HashMap<>();
    private final Map<String, LocalAccount> byEmail = new HashMap<>();

    private InMemoryLocalAccounts(List<LocalAccount> accounts) {
        accounts.stream().sorted(Comparator.comparingLong(LocalAccount::id)).forEach(this::index);
    }

    /** Indexes {@code accounts} (not null, no null elements); on duplicate keys the lowest id wins. */
    public static InMemoryLocalAccounts of(List<LocalAccount> accounts) {
        Objects.requireNonNull(accounts, "accounts").forEach(account -> Objects.requireNonNull(account, "account"));
        return new InMemoryLocalAccounts(accounts);
    }

    private void index(LocalAccount account) {
        if (account.externalId() != null) {
            byLink.putIfAbsent(linkKey(account.tenant(), account.externalId()), account);
        }
        String email = Values.normalizeEmail(account.email());
        if (email != null) {
            byEmail.putIfAbsent(email, account);
        }
    }

    @Override
    public Optional<LocalAccount> byExternalId(String tenant, String externalId) {
        if (externalId == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(byLink.get(linkKey(tenant, externalId)));
    }

    @Override
    public Optional<LocalAccount> byEmail(String email) {
        String normalized = Values.normalizeEmail(email);
        return normalized == null ? Optional.empty() : Optional.ofNullable(byEmail.get(normalized));
    }

    private static String linkKey(String tenant, String externalId) {
        return (tenant == null ? "" : tenant.length() + ":" + tenant) + "/" + externalId;
    }
}
