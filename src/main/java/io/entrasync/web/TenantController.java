package io.entrasync.web;

import io.entrasync.mapping.MappingRegistry;
import io.entrasync.mapping.TenantMappingStatus;
import io.entrasync.problem.NotFoundException;
import io.entrasync.notify.NotificationStates;
import io.entrasync.notify.NotificationStatus;
import io.entrasync.schedule.TenantScheduler;
import io.entrasync.mapping.TenantMapping;
import io.entrasync.sync.AppliedMappings;
import io.entrasync.sync.HoldDecisions;
import io.entrasync.sync.SyncRunRepository;
import io.entrasync.sync.SyncRuns;
import io.entrasync.sync.TenantHold;
import io.entrasync.sync.TenantHolds;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The tenants configured by mapping files, valid or not. */
@Tag(name = "Tenants")
@RestController
class TenantController {

    private final MappingRegistry registry;
    private final TenantScheduler scheduler;
    private final SyncRunRepository runs;
    private final SyncRuns runRecords;
    private final TenantHolds holds;
    private final NotificationStates notifications;
    private final AppliedMappings appliedMappings;
    private final HoldDecisions decisions;

    TenantController(MappingRegistry registry, TenantScheduler scheduler, SyncRunRepository runs, SyncRuns runRecords,
                     TenantHolds holds, NotificationStates notifications, AppliedMappings appliedMappings,
                     HoldDecisions decisions) {
        this.decisions = decisions;
        this.appliedMappings = appliedMappings;
        this.notifications = notifications;
        this.registry = registry;
        this.scheduler = scheduler;
        this.runs = runs;
        this.runRecords = runRecords;
        this.holds = holds;
    }

    /** Every mapping file, sorted by tenant key (files without a readable key last), then file. */
    @Operation(operationId = "listTenants", summary = "List tenants",
            description = "Every mapping file's tenant: validity and errors, schedules, last run, hold and change "
            + "notification state.")
    @GetMapping("/api/tenants")
    List<TenantView> tenants() {
        Map<String, TenantHold> held = holds.all();
        Map<String, NotificationStatus> notified = notifications.all();
        return registry.all().stream().map(status -> view(status, held, notified))
                .sorted(Comparator.comparing(TenantView::tenant, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(TenantView::file))
                .toList();
    }

    /** One tenant; 404 problem detail naming {@code tenant} when no file claims the key. */
    @Operation(operationId = "getTenant", summary = "Get a tenant",
            description = "One tenant, as in the list. 404 when no mapping file claims the key.")
    @GetMapping("/api/tenants/{tenant}")
    TenantView tenant(@PathVariable String tenant) {
        TenantMappingStatus status = registry.all().stream().filter(s -> tenant.equals(s.tenant())).findFirst()
                .orElseThrow(() -> new NotFoundException("tenant", "no mapping file configures tenant '" + tenant + "'"));
        return view(status, holds.current(tenant).map(hold -> Map.of(tenant, hold)).orElse(Map.of()),
                notifications.all());
    }

    private TenantView view(TenantMappingStatus status, Map<String, TenantHold> held,
                            Map<String, NotificationStatus> notified) {
        String tenant = status.tenant();
        if (tenant == null) {
            return TenantView.of(status, null, null, null, false, null);
        }
        return TenantView.of(status, scheduler.nextFireTime(tenant).orElse(null),
                runs.findFirstByTenantOrderByIdDesc(tenant).orElse(null), hold(status, held.get(tenant)), mappingChanged(status),
                notified.getOrDefault(tenant, notifications.none(tenant)));
    }

    /** The tenant's hold with what changed in its mapping since the last applied run; null when not held. */
    private HoldView hold(TenantMappingStatus status, TenantHold hold) {
        if (hold == null) {
            return null;
        }
        TenantMapping mapping = status.validMapping().orElse(null);
        return HoldView.of(hold, mapping == null ? null : mapping.contentHash(), mapping == null ? null
                : appliedMappings.changesSinceLastApplied(status.tenant(), mapping).orElse(null),
                mapping == null ? 1 : mapping.safety().approvers(), decisions.ofHold(hold));
    }

    /** The file differs from the mapping the last applied run evaluated (false before the first success). */
    private boolean mappingChanged(TenantMappingStatus status) {
        return status.validMapping().flatMap(mapping -> runRecords.lastApplied(status.tenant())
                .map(applied -> !mapping.contentHash().equals(applied.mappingHash()))).orElse(false);
    }
}
