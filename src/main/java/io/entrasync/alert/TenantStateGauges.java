package io.entrasync.alert;

import io.entrasync.fleet.FleetProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Each tenant's state as Prometheus gauges, for those who alert from Prometheus:
 * {@code entra_sync_tenant_state{tenant,state}} is 1 for each state the tenant is in and 0 for the others
 * ({@code ok} when none), and {@code entra_sync_tenant_last_success_timestamp_seconds{tenant}} the end of its newest
 * successful run. Every replica refreshes its own gauges every {@code entra-sync.alerts.interval} from the database
 * (the same facts and rules as the alerts), so any replica scraped answers the same; a removed tenant's series go.
 * On the replica where the {@link AlertJob} runs, the job hands over the facts it read ({@link #show}) and the
 * gauges' own timer skips its read: the facts are read once per interval there too.
 */
@Component
class TenantStateGauges {

    private static final Logger log = LoggerFactory.getLogger(TenantStateGauges.class);
    /**
     * No alert condition open. Not the fleet view's {@code ok}, on purpose: a never-synced or stale tenant raises no
     * alert ({@link TenantCondition}), so it is {@code ok} here while the page lists it as needing attention.
     */
    static final String OK = "ok";

    private final TenantFactsReader facts;
    private final ConditionRules rules;
    private final AlertProperties properties;
    private final MultiGauge states;
    private final MultiGauge lastSuccess;
    private final Clock clock = Clock.systemUTC();
    private ScheduledExecutorService executor;
    /** When facts were last shown (by the timer or the alert job); the timer reads only when this is an interval old. */
    private volatile Instant shownAt = Instant.MIN;

    TenantStateGauges(TenantFactsReader facts, AlertProperties properties, FleetProperties fleet, MeterRegistry registry) {
        this.facts = facts;
        this.properties = properties;
        this.rules = properties.rules(fleet);
        this.states = MultiGauge.builder("entra.sync.tenant.state")
                .description("1 when the tenant is in the state (ok, held, failing, invalid, notifications-broken, "
                        + "hold-waiting), else 0").register(registry);
        this.lastSuccess = MultiGauge.builder("entra.sync.tenant.last.success.timestamp.seconds")
                .description("end of the tenant's newest successful run, seconds since the epoch").register(registry);
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "tenant-state-gauges");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::refresh, 0, properties.interval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Reads every tenant's facts and shows them, unless the alert job showed facts during the last interval. */
    void refresh() {
        if (shownAt.isAfter(clock.instant().minus(properties.interval()))) {
            return;
        }
        try {
            show(facts.read());
        } catch (RuntimeException e) {
            log.warn("could not refresh the tenant state gauges: {}", e.toString());
        }
    }

    /** Replaces the gauges' rows by the states of {@code tenants} (every tenant's facts). */
    void show(List<TenantFacts> tenants) {
        Instant now = clock.instant();
        List<MultiGauge.Row<?>> stateRows = new ArrayList<>();
        List<MultiGauge.Row<?>> successRows = new ArrayList<>();
        for (TenantFacts tenant : tenants) {
            Map<TenantCondition, String> open = rules.evaluate(tenant, now);
            stateRows.add(row(tenant.tenant(), OK, open.isEmpty()));
            for (TenantCondition condition : TenantCondition.values()) {
                stateRows.add(row(tenant.tenant(), condition.state(), open.containsKey(condition)));
            }
            if (tenant.lastSuccess() != null) {
                successRows.add(MultiGauge.Row.of(Tags.of("tenant", tenant.tenant()),
                        tenant.lastSuccess().getEpochSecond()));
            }
        }
        states.register(stateRows, true);
        lastSuccess.register(successRows, true);
        shownAt = now;
    }

    private static MultiGauge.Row<?> row(String tenant, String state, boolean in) {
        return MultiGauge.Row.of(Tags.of("tenant", tenant, "state", state), in ? 1 : 0);
    }

    @PreDestroy
    void stop() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
