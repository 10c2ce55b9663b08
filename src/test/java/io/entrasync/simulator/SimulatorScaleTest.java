package io.entrasync.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.source.DeltaOutcome;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sizes the benchmark needs; prints time and memory, asserts only correctness. */
class SimulatorScaleTest {

    private static GraphSimulator simulator;

    @BeforeAll
    static void start() {
        simulator = GraphSimulator.start(SimulatorSettings.ephemeral(SimulatedTenant.KEYSTORE_DIR));
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void thousandTenantsOfTwoHundredUsers_registerQuickly() {
        long before = usedMemory();
        long started = System.nanoTime();

        for (int t = 1; t <= 1_000; t++) {
            simulator.register(TenantRegistration.withSecret(SimulatorCommandLine.tenantId(t), SimulatedTenant.CLIENT_ID,
                    SimulatedTenant.SECRET), DirectoryShape.of(200, 40, t));
        }

        long millis = (System.nanoTime() - started) / 1_000_000;
        long megabytes = (usedMemory() - before) / (1024 * 1024);
        System.out.printf("simulator: 1,000 tenants x 200 users registered in %d ms, ~%d MB heap%n", millis, megabytes);
        assertThat(simulator.directory(SimulatorCommandLine.tenantId(1_000)).stats().users()).isEqualTo(200);
    }

    @Test
    void hundredThousandUsers_areFullyEnumerated() {
        int users = Integer.getInteger("simulator.scale.users", 100_000);
        long before = usedMemory();
        long started = System.nanoTime();
        simulator.register(TenantRegistration.withSecret("large", SimulatedTenant.CLIENT_ID, SimulatedTenant.SECRET),
                DirectoryShape.of(users, 400, 9));
        long generated = (System.nanoTime() - started) / 1_000_000;
        long megabytes = (usedMemory() - before) / (1024 * 1024);
        SimulatedTenant tenant = new SimulatedTenant(simulator, "large");
        AtomicInteger seen = new AtomicInteger();
        AtomicInteger pages = new AtomicInteger();

        started = System.nanoTime();
        DeltaOutcome outcome = tenant.source.readUsers(tenant.connection(), null, false, page -> {
            seen.addAndGet(page.users().size());
            pages.incrementAndGet();
        });
        long enumerated = (System.nanoTime() - started) / 1_000_000;

        System.out.printf("simulator: %,d users generated in %d ms (~%d MB heap), enumerated through "
                + "GraphDirectorySource in %d ms (%d pages)%n", users, generated, megabytes, enumerated, pages.get());
        assertThat(outcome).isInstanceOf(DeltaOutcome.Completed.class);
        assertThat(seen.get()).isEqualTo(simulator.directory("large").stats().users());
    }

    private static long usedMemory() {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
