package io.entrasync.alert;

import io.entrasync.mapping.MappingRegistry;
import io.entrasync.mapping.TenantMappingStatus;
import io.entrasync.notify.NotificationStates;
import io.entrasync.notify.NotificationStatus;
import io.entrasync.sync.FleetRuns;
import io.entrasync.sync.TenantHold;
import io.entrasync.sync.TenantHolds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads every tenant's {@link TenantFacts}: the mapping registry, the holds, the notification states and the run
 * history through {@link FleetRuns} (the fleet view's reading: a fixed number of statements whose cost follows the
 * number of tenants, not of runs), so a pass costs the same few queries at 1,000 tenants.
 */
@Component
class TenantFactsReader {

    private final MappingRegistry mappings;
    private final TenantHolds holds;
    private final NotificationStates notifications;
    private final FleetRuns runs;

    TenantFactsReader(MappingRegistry mappings, TenantHolds holds, NotificationStates notifications, FleetRuns runs) {
        this.mappings = mappings;
        this.holds = holds;
        this.notifications = notifications;
        this.runs = runs;
    }

    /**
     * The facts of every tenant that has a mapping file or a hold, sorted by tenant key. A tenant whose file was
     * removed drops out (its open conditions then resolve); its runs and accounts are the orphaned tenants' concern.
     */
    @Transactional(readOnly = true)
    public List<TenantFacts> read() {
        Map<String, String> mappingErrors = new HashMap<>();
        Set<String> tenants = new TreeSet<>();
        for (TenantMappingStatus status : mappings.all()) {
            if (status.tenant() != null) {
                tenants.add(status.tenant());
                if (!status.valid()) {
                    mappingErrors.putIfAbsent(status.tenant(), status.errors().get(0).toString());
                }
            }
        }
        Map<String, TenantHold> held = holds.all();
        Map<String, NotificationStatus> notified = notifications.all();
        tenants.addAll(held.keySet());
        Map<String, FleetRuns.Facts> history = runs.of(tenants);
        List<TenantFacts> facts = new ArrayList<>(tenants.size());
        for (String tenant : tenants) {
            TenantHold hold = held.get(tenant);
            FleetRuns.Facts run = history.getOrDefault(tenant, FleetRuns.Facts.NONE);
            facts.add(new TenantFacts(tenant, hold == null ? null : hold.heldSince(),
                    hold != null && hold.state() == TenantHold.State.PENDING, hold == null ? null : hold.reason(),
                    run.failuresInRow(), run.lastError(), mappingErrors.get(tenant),
                    notified.get(tenant), run.lastSuccessAt()));
        }
        return facts;
    }
}
