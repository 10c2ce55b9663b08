package io.entrasync.sync;

import io.entrasync.reconcile.RunCounts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Prometheus figures of the runs: runs by tenant and status, run duration, users changed by kind, Graph pages,
 * throttled responses and retries, and the last successful run per tenant (seconds since the epoch).
 */
@Component
class SyncMetrics {

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> lastSuccess = new ConcurrentHashMap<>();

    SyncMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(SyncRun run, Duration took) {
        String tenant = run.getTenant();
        String status = run.getStatus().name();
        Counter.builder("entrasync.sync.runs").description("finished sync runs").tag("tenant", tenant)
                .tag("status", status).tag("mode", run.getMode().name()).register(registry).increment();
        Timer.builder("entrasync.sync.run.duration").description("wall time of sync runs").tag("tenant", tenant)
                .tag("status", status).register(registry).record(took);
        if (!run.isDryRun() && run.getStatus() == RunStatus.SUCCEEDED) {
            RunCounts c = run.counts();
            changed(tenant, "created", c.created());
            changed(tenant, "updated", c.updated());
            changed(tenant, "linked", c.linked());
            changed(tenant, "moved", c.moved());
            changed(tenant, "deactivated", c.deactivated());
            changed(tenant, "reactivated", c.reactivated());
            changed(tenant, "skipped", c.skipped());
            changed(tenant, "failed", c.failed());
            lastSuccess.computeIfAbsent(tenant, t -> registry.gauge("entrasync.sync.last.success.seconds",
                    io.micrometer.core.instrument.Tags.of("tenant", t), new AtomicLong()))
                    .set(run.getFinishedAt().getEpochSecond());
        }
        graph(tenant, "pages", run.getPagesRead());
        graph(tenant, "throttled", run.getThrottled());
        graph(tenant, "retries", run.getRetries());
    }

    private void changed(String tenant, String kind, long amount) {
        if (amount > 0) {
            Counter.builder("entrasync.sync.users.changed").description("users changed by applied runs, by kind")
                    .tag("tenant", tenant).tag("kind", kind).register(registry).increment(amount);
        }
    }

    private void graph(String tenant, String what, int amount) {
        if (amount > 0) {
            Counter.builder("entrasync.graph.responses").description("Graph delta pages read, throttled answers, retries")
                    .tag("tenant", tenant).tag("kind", what).register(registry).increment(amount);
        }
    }
}
