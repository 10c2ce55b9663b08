package io.entrasync.web;

import io.entrasync.fleet.FleetProperties;
import io.entrasync.fleet.TenantConditions;
import io.entrasync.fleet.TenantState;
import io.entrasync.mapping.MappingRegistry;
import io.entrasync.mapping.MappingSettings;
import io.entrasync.mapping.TenantMapping;
import io.entrasync.mapping.TenantMappingStatus;
import io.entrasync.notify.NotificationStates;
import io.entrasync.notify.NotificationStatus;
import io.entrasync.schedule.NextFireTimes;
import io.entrasync.sync.AppliedMappings;
import io.entrasync.sync.HoldDecision;
import io.entrasync.sync.HoldDecisions;
import io.entrasync.sync.FleetRuns;
import io.entrasync.sync.SyncRun;
import io.entrasync.sync.TenantHold;
import io.entrasync.sync.TenantHolds;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every tenant with its state, read with a fixed number of statements whatever the fleet's size: the run facts of all
 * tenants ({@link FleetRuns}: two statements), the holds, the notification state (subscriptions, errors), the next
 * fire times (one statement each), and the last applied mapping of the tenants shown (one statement). Filtering,
 * sorting and paging happen in memory: a fleet of 1,000 tenants is a small list.
 */
@Component
class TenantFleet {

    /** One tenant before it is shown: its file, the facts, and the states they add up to. */
    record Entry(TenantMappingStatus status, SyncRun lastRun, TenantHold hold, NotificationStatus notifications,
                 Instant nextFireTime, FleetRuns.Facts runs, TenantConditions conditions,
                 Set<TenantState> states) {

        String tenant() {
            return status.tenant();
        }

        /** When the newest run finished, or started, or was queued; null when it never ran. */
        Instant lastRunAt() {
            if (lastRun == null) {
                return null;
            }
            return lastRun.getFinishedAt() != null ? lastRun.getFinishedAt()
                    : lastRun.getStartedAt() != null ? lastRun.getStartedAt() : lastRun.getQueuedAt();
        }
    }

    /** The whole fleet judged at once, and the counts per state. */
    record Fleet(List<Entry> entries, Map<TenantState, Long> counts, long needsAttention) {
    }

    private final MappingRegistry registry;
    private final FleetRuns runs;
    private final TenantHolds holds;
    private final NotificationStates notifications;
    private final NextFireTimes fireTimes;
    private final AppliedMappings appliedMappings;
    private final HoldDecisions decisions;
    private final FleetProperties properties;
    private final Clock clock = Clock.systemUTC();

    TenantFleet(MappingRegistry registry, FleetRuns runs, TenantHolds holds, NotificationStates notifications,
                NextFireTimes fireTimes, AppliedMappings appliedMappings, HoldDecisions decisions,
                FleetProperties properties) {
        this.decisions = decisions;
        this.registry = registry;
        this.runs = runs;
        this.holds = holds;
        this.notifications = notifications;
        this.fireTimes = fireTimes;
        this.appliedMappings = appliedMappings;
        this.properties = properties;
    }

    /** Every mapping file with its facts and states, in file order. */
    @Transactional(readOnly = true)
    Fleet read() {
        return read(registry.all());
    }

    /** The file that claims {@code tenant}, judged alone (its run facts are read for it, not for the whole fleet). */
    @Transactional(readOnly = true)
    java.util.Optional<Entry> read(String tenant) {
        return read(registry.all().stream().filter(file -> tenant.equals(file.tenant())).limit(1).toList())
                .entries().stream().findFirst();
    }

    private Fleet read(List<TenantMappingStatus> files) {
        Map<String, FleetRuns.Facts> history = runs.of(files.stream().map(TenantMappingStatus::tenant)
                .filter(java.util.Objects::nonNull).toList());
        Map<String, TenantHold> held = holds.all();
        Map<String, NotificationStatus> notified = notifications.all();
        Map<String, Instant> next = fireTimes.all();
        Instant now = clock.instant();
        List<Entry> entries = new ArrayList<>(files.size());
        Map<TenantState, Long> counts = new EnumMap<>(TenantState.class);
        for (TenantState state : TenantState.values()) {
            counts.put(state, 0L);
        }
        long needsAttention = 0;
        for (TenantMappingStatus file : files) {
            String tenant = file.tenant();
            FleetRuns.Facts facts = tenant == null ? FleetRuns.Facts.NONE : history.get(tenant);
            TenantHold hold = tenant == null ? null : held.get(tenant);
            NotificationStatus notification = tenant == null ? null
                    : notified.getOrDefault(tenant, notifications.none(file));
            TenantConditions conditions = new TenantConditions(file.valid(), hold != null, facts.failuresInRow(),
                    notification, facts.lastSuccessAt());
            Set<TenantState> states = conditions.states(properties, now);
            states.forEach(state -> counts.merge(state, 1L, Long::sum));
            if (!states.contains(TenantState.OK)) {
                needsAttention++;
            }
            entries.add(new Entry(file, facts.latest(), hold, notification,
                    tenant == null ? null : next.get(tenant), facts, conditions, states));
        }
        return new Fleet(entries, counts, needsAttention);
    }

    /**
     * The entries shown, with the mapping last applied ({@code tenant_applied_mapping}, one statement for all of them;
     * the one record a run reads too): whether the file changed since, and for a held tenant which keys changed.
     */
    List<TenantView> views(List<Entry> shown) {
        Map<String, AppliedMappings.Recorded> applied = appliedMappings.lastOf(shown.stream().map(Entry::tenant)
                .filter(java.util.Objects::nonNull).distinct().toList());
        Map<String, List<HoldDecision>> decided = decisions.ofHolds(shown.stream().map(Entry::hold)
                .filter(java.util.Objects::nonNull).toList());
        return shown.stream().map(entry -> view(entry, applied.get(entry.tenant()),
                decided.getOrDefault(entry.tenant(), List.of()))).toList();
    }

    private static TenantView view(Entry entry, AppliedMappings.Recorded applied, List<HoldDecision> decided) {
        TenantMapping mapping = entry.status().validMapping().orElse(null);
        List<MappingSettings.Change> changes = entry.hold() == null || mapping == null || applied == null ? null
                : applied.changesTo(mapping);
        HoldView hold = HoldView.of(entry.hold(), mapping == null ? null : mapping.contentHash(), changes,
                mapping == null ? 1 : mapping.safety().approvers(), decided);
        return TenantView.of(entry.status(), entry.nextFireTime(), entry.lastRun(), hold,
                mappingChanged(mapping, applied, entry.runs().applied()), entry.notifications(), entry.states(),
                entry.conditions());
    }

    /**
     * Whether the next run re-evaluates every user for the mapping's sake, as {@code RunExecution} decides it: the
     * valid file's hash differs from the recorded last applied one. A tenant with applied runs but no record (they
     * predate V13) shows true: its next delta re-evaluates once, then records the mapping. One that never applied
     * shows false: no mapping was applied to differ from (its first run reads everyone anyway).
     */
    static boolean mappingChanged(TenantMapping mapping, AppliedMappings.Recorded applied, boolean everApplied) {
        if (mapping == null) {
            return false;
        }
        return applied == null ? everApplied : !mapping.contentHash().equals(applied.mappingHash());
    }

    /** Keeps the entries in {@code state} ({@code needs-attention}: any but ok; null: all). */
    static Predicate<Entry> inState(String state) {
        if (state == null || state.isBlank()) {
            return entry -> true;
        }
        if ("needs-attention".equals(state)) {
            return entry -> !entry.states().contains(TenantState.OK);
        }
        TenantState wanted = TenantState.of(state).orElseThrow(() -> new io.entrasync.problem.InvalidInputException(
                "state", "state '" + state + "' is not one of " + STATES));
        return entry -> entry.states().contains(wanted);
    }

    /** The values {@code state} takes. */
    static final List<String> STATES = java.util.stream.Stream.concat(
            java.util.Arrays.stream(TenantState.values()).map(TenantState::key), java.util.stream.Stream.of(
                    "needs-attention")).toList();

    /** Keeps the entries whose tenant key, tenantId or file name contains {@code q} (case-insensitive). */
    static Predicate<Entry> matching(String q) {
        if (q == null || q.isBlank()) {
            return entry -> true;
        }
        String needle = q.strip().toLowerCase(java.util.Locale.ROOT);
        return entry -> contains(entry.tenant(), needle) || contains(entry.status().summary().tenantId(), needle)
                || contains(entry.status().file(), needle);
    }

    private static boolean contains(String value, String needle) {
        return value != null && value.toLowerCase(java.util.Locale.ROOT).contains(needle);
    }

    /** The sort keys of {@code sort=key[,asc|desc]}. */
    static final List<String> SORTS = List.of("tenant", "state", "lastRun", "lastSuccess", "nextFire");

    /**
     * The order {@code sort} asks for; ties (and missing values, always last) fall back to tenant key, then file.
     * {@code state} sorts the most urgent first.
     */
    static Comparator<Entry> order(String sort) {
        String[] parts = sort == null || sort.isBlank() ? new String[]{"tenant"} : sort.split(",", 2);
        String key = parts[0].strip();
        boolean descending = parts.length > 1 && "desc".equalsIgnoreCase(parts[1].strip());
        if (parts.length > 1 && !descending && !"asc".equalsIgnoreCase(parts[1].strip())) {
            throw new io.entrasync.problem.InvalidInputException("sort", "sort direction '" + parts[1].strip()
                    + "' is neither asc nor desc");
        }
        Comparator<Entry> byTenant = Comparator.comparing(Entry::tenant, nullsLast(false))
                .thenComparing(entry -> entry.status().file());
        Comparator<Entry> primary = switch (key) {
            case "tenant" -> Comparator.comparing(Entry::tenant, nullsLast(descending));
            case "state" -> Comparator.comparing(entry -> entry.states().iterator().next(), nullsLast(descending));
            case "lastRun" -> Comparator.comparing(Entry::lastRunAt, nullsLast(descending));
            case "lastSuccess" -> Comparator.comparing(entry -> entry.runs().lastSuccessAt(), nullsLast(descending));
            case "nextFire" -> Comparator.comparing(Entry::nextFireTime, nullsLast(descending));
            default -> throw new io.entrasync.problem.InvalidInputException("sort", "sort '" + key
                    + "' is not one of " + SORTS);
        };
        return primary.thenComparing(byTenant);
    }

    private static <T extends Comparable<? super T>> Comparator<T> nullsLast(boolean descending) {
        return Comparator.nullsLast(descending ? Comparator.<T>reverseOrder() : Comparator.<T>naturalOrder());
    }
}
