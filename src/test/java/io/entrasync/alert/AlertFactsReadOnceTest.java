package io.entrasync.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.fleet.FleetProperties;
import io.entrasync.mapping.MappingRegistry;
import io.entrasync.notify.NotificationStates;
import io.entrasync.support.PostgresIntegrationTest;
import io.entrasync.sync.FleetRuns;
import io.entrasync.sync.TenantHolds;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

/**
 * Every tenant's facts are read once per alert interval on the replica that runs the alert job: the job's reading
 * feeds both the evaluation and the gauges, whose own timer then skips its read. Reads are counted on the test's
 * thread only (the job's Quartz trigger and the gauges' timer run on their own threads). Two tenants with mapping
 * files (mappings-e2e), a long interval so that nothing else fires during the test.
 */
@PostgresIntegrationTest
@TestPropertySource(properties = {"entra-sync.mappings-dir=src/test/resources/mappings-e2e",
        "entra-sync.alerts.interval=1h"})
@Import(AlertFactsReadOnceTest.CountingReader.class)
class AlertFactsReadOnceTest {

    /** The real reader, counting the reads made on the test's thread. */
    @TestConfiguration(proxyBeanMethods = false)
    static class CountingReader {
        static final ThreadLocal<AtomicInteger> READS = ThreadLocal.withInitial(AtomicInteger::new);

        @Bean
        @Primary
        TenantFactsReader countingTenantFactsReader(MappingRegistry mappings, TenantHolds holds,
                                                    NotificationStates notifications, FleetRuns runs) {
            return new TenantFactsReader(mappings, holds, notifications, runs) {
                @Override
                public List<TenantFacts> read() {
                    READS.get().incrementAndGet();
                    return super.read();
                }
            };
        }
    }

    @Autowired
    AlertJob job;
    @Autowired
    TenantStateGauges gauges;
    @Autowired
    TenantFactsReader reader;
    @Autowired
    MeterRegistry registry;
    @Autowired
    AlertProperties alerts;
    @Autowired
    FleetProperties fleet;

    private static int reads() {
        return CountingReader.READS.get().get();
    }

    private static Set<String> tenantsOf(MeterRegistry registry) {
        Set<String> tenants = new TreeSet<>();
        registry.find("entra.sync.tenant.state").tag("state", TenantStateGauges.OK).gauges()
                .forEach(g -> tenants.add(g.getId().getTag("tenant")));
        return tenants;
    }

    @Test
    void theAlertJobsReading_feedsTheEvaluationAndTheGauges() {
        int before = reads();

        job.execute(null);
        gauges.refresh();

        assertThat(reads() - before).as("one read of the facts for the job's pass and the gauges' tick").isEqualTo(1);
        assertThat(tenantsOf(registry)).containsExactly("contoso", "fabrikam");
    }

    @Test
    void withoutTheJob_theGaugesReadTheFactsThemselvesOncePerTick() {
        SimpleMeterRegistry own = new SimpleMeterRegistry();
        TenantStateGauges replica = new TenantStateGauges(reader, alerts, fleet, own);
        int before = reads();

        replica.refresh();
        assertThat(reads() - before).isEqualTo(1);
        assertThat(tenantsOf(own)).containsExactly("contoso", "fabrikam");

        replica.refresh();
        assertThat(reads() - before).as("the next tick within the interval").isEqualTo(1);
    }
}
