package io.entrasync.alert;

import io.entrasync.fleet.FleetProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One evaluation pass: every tenant's facts (read by the caller, {@link AlertJob}) to its open conditions, compared with the stored ones; a condition that
 * opened is stored and its alert queued, one that closed is removed and its "resolved" message queued, all in one
 * transaction. Run by the clustered {@link AlertJob} (one replica at a time); the table's primary key refuses a
 * second opening should two passes ever overlap, so an alert is queued once per change of state.
 */
@Service
class AlertEvaluator {

    private static final Logger log = LoggerFactory.getLogger(AlertEvaluator.class);

    private final AlertStore store;
    private final AlertSenders senders;
    private final ConditionRules rules;
    private final Clock clock = Clock.systemUTC();

    AlertEvaluator(AlertStore store, AlertSenders senders, AlertProperties properties, FleetProperties fleet) {
        this.store = store;
        this.senders = senders;
        this.rules = properties.rules(fleet);
    }

    /** What a pass changed. */
    record Pass(int opened, int resolved) {
    }

    /** Compares {@code tenants} (every tenant's facts, as {@link TenantFactsReader#read()} answers) with the stored conditions. */
    @Transactional
    public Pass evaluate(List<TenantFacts> tenants) {
        Instant now = clock.instant();
        Map<String, Map<TenantCondition, AlertStore.OpenCondition>> stored = store.open();
        List<Channel> channels = senders.channels();
        int opened = 0;
        int resolved = 0;
        for (TenantFacts tenant : tenants) {
            Map<TenantCondition, String> current = rules.evaluate(tenant, now);
            Map<TenantCondition, AlertStore.OpenCondition> before = stored.getOrDefault(tenant.tenant(), Map.of());
            for (Map.Entry<TenantCondition, String> open : current.entrySet()) {
                if (!before.containsKey(open.getKey())) {
                    store.opened(tenant.tenant(), open.getKey(), open.getValue(), now, channels);
                    log.warn("tenant '{}' {}: {}", tenant.tenant(), open.getKey().words(), open.getValue());
                    opened++;
                }
            }
            for (AlertStore.OpenCondition was : before.values()) {
                if (!current.containsKey(was.condition())) {
                    store.resolved(was, now, channels);
                    log.info("tenant '{}' {}", tenant.tenant(), was.condition().resolvedWords());
                    resolved++;
                }
            }
            stored.remove(tenant.tenant());
        }
        // tenants that are gone (file removed, no hold): their conditions end
        for (Map<TenantCondition, AlertStore.OpenCondition> gone : stored.values()) {
            for (AlertStore.OpenCondition was : gone.values()) {
                store.resolved(was, now, channels);
                log.info("tenant '{}' is no longer configured: condition {} closed", was.tenant(), was.condition());
                resolved++;
            }
        }
        return new Pass(opened, resolved);
    }
}
