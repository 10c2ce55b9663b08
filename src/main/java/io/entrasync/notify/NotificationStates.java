package io.entrasync.notify;

import io.entrasync.mapping.MappingRegistry;
import io.entrasync.mapping.TenantMappingStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * Reads every tenant's {@link NotificationStatus}: two queries and one look at the loaded mappings for all tenants
 * (never a per-tenant check of its mapping file, which costs file stats with a thousand tenants).
 */
@Service
public class NotificationStates {

    private final Subscriptions subscriptions;
    private final TenantErrors errors;
    private final NotificationProperties properties;
    private final MappingRegistry mappings;
    private final Clock clock = Clock.systemUTC();

    NotificationStates(Subscriptions subscriptions, TenantErrors errors, NotificationProperties properties,
                       MappingRegistry mappings) {
        this.mappings = mappings;
        this.subscriptions = subscriptions;
        this.errors = errors;
        this.properties = properties;
    }

    /** Tenant key to its state; a tenant without subscriptions or errors is absent (see {@link #none}). */
    public Map<String, NotificationStatus> all() {
        Map<String, List<Subscription>> byTenant = subscriptions.all().stream()
                .collect(Collectors.groupingBy(Subscription::tenant));
        Map<String, String> tenantErrors = errors.all();
        Map<String, Boolean> enabled = new java.util.HashMap<>();
        for (TenantMappingStatus status : mappings.all()) {
            if (status.tenant() != null) {
                enabled.putIfAbsent(status.tenant(), enabled(status)); // the first file claiming it, as current() does
            }
        }
        Map<String, NotificationStatus> states = new java.util.HashMap<>();
        for (String tenant : union(byTenant.keySet(), tenantErrors.keySet())) {
            states.put(tenant, status(enabled.getOrDefault(tenant, false), byTenant.getOrDefault(tenant, List.of()),
                    tenantErrors.get(tenant)));
        }
        return states;
    }

    /** The state of a tenant that has no subscription yet, judged from its file as given. */
    public NotificationStatus none(TenantMappingStatus status) {
        return new NotificationStatus(enabled(status), false, null, null, null, 0, List.of());
    }

    /** The tenant's mapping allows notifications and a public URL is known for it. */
    private boolean enabled(TenantMappingStatus status) {
        return status.validMapping().map(m -> properties.baseFor(m.notifications()) != null).orElse(false);
    }

    private NotificationStatus status(boolean enabled, List<Subscription> held, String tenantError) {
        Instant now = clock.instant();
        List<String> problems = new ArrayList<>();
        if (tenantError != null) {
            problems.add(tenantError);
        }
        held.stream().map(Subscription::lastError).filter(Objects::nonNull).forEach(problems::add);
        boolean active = held.size() == SubscriptionManager.RESOURCES.size()
                && held.stream().allMatch(s -> s.expiresAt().isAfter(now));
        return new NotificationStatus(enabled, active,
                held.stream().map(Subscription::expiresAt).min(Comparator.naturalOrder()).orElse(null),
                newest(held.stream().map(Subscription::lastReceivedAt).toList()),
                newest(held.stream().map(Subscription::lastValidatedAt).toList()),
                held.stream().mapToInt(Subscription::rejected).sum(), List.copyOf(problems));
    }

    private static Instant newest(List<Instant> times) {
        return times.stream().filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
    }

    private static java.util.Set<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        java.util.Set<String> all = new java.util.TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
