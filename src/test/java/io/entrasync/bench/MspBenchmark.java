package io.entrasync.bench;

import io.entrasync.EntraSyncApplication;
import io.entrasync.simulator.ChangePlan;
import io.entrasync.simulator.DirectoryShape;
import io.entrasync.simulator.GraphSimulator;
import io.entrasync.simulator.SimulatorSettings;
import io.entrasync.simulator.TenantRegistration;
import io.entrasync.sync.RunStatus;
import io.entrasync.sync.RunTrigger;
import io.entrasync.sync.SyncLauncher;
import io.entrasync.sync.SyncMode;
import io.entrasync.sync.SyncRunRepository;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * MSP scale (issue 7): N tenants of a few hundred users each on one simulator, every tenant's first full sync
 * fired through the real scheduler (Quartz, clustered JDBC store), then one round of deltas with a few changes
 * per tenant. Prints the wall time of each round and the per-tenant overhead, then {@code RESULT {json}}.
 */
final class MspBenchmark {

    private final int tenants;
    private final int users;
    private final Map<String, Object> result = new LinkedHashMap<>();
    private int postgresPort;

    MspBenchmark(int tenants, int users) {
        this.tenants = tenants;
        this.users = users;
    }

    void run() throws Exception {
        Path work = Files.createTempDirectory("entra-sync-msp");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).start();
             GraphSimulator simulator = GraphSimulator.start(new SimulatorSettings(0, work.resolve("tls"), 200,
                     Duration.ZERO, Duration.ZERO, false, 8))) {
            BenchTrust.trustStore = simulator.trustStore();
            postgresPort = postgres.getPort();
            Path mappings = Files.createDirectories(work.resolve("mappings"));
            Path secret = work.resolve("secret");
            Files.writeString(secret, SyncBenchmark.SECRET);
            long registering = System.nanoTime();
            List<String> keys = new ArrayList<>();
            for (int i = 1; i <= tenants; i++) {
                String tenantId = String.format(Locale.ROOT, "00000000-0000-4000-8000-%012x", i);
                simulator.register(TenantRegistration.withSecret(tenantId, SyncBenchmark.CLIENT_ID, SyncBenchmark.SECRET),
                        DirectoryShape.of(users, 12, i));
                String key = String.format(Locale.ROOT, "t%04d", i);
                keys.add(key);
                Files.writeString(mappings.resolve(key + ".yaml"), mapping(key, tenantId, simulator, secret));
            }
            result.put("tenants", tenants);
            result.put("usersPerTenant", users);
            result.put("registerMs", (System.nanoTime() - registering) / 1_000_000);
            String url = postgres.getJdbcUrl("postgres", "postgres") + "&reWriteBatchedInserts=true";
            try (ConfigurableApplicationContext context = new SpringApplicationBuilder(EntraSyncApplication.class,
                    BenchTrust.class).run("--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
                    "--spring.datasource.password=postgres", "--server.port=0", "--entra-sync.admin-token=bench-admin-token-0123456789abcdef",
                    "--entra-sync.simulator.enabled=false", "--entra-sync.mappings-dir=" + mappings.toAbsolutePath(),
                    "--logging.level.root=WARN")) {
                SyncLauncher launcher = context.getBean(SyncLauncher.class);
                SyncRunRepository runs = context.getBean(SyncRunRepository.class);
                round("fullRound", keys, SyncMode.FULL, launcher, runs, context);
                Random random = new Random(3);
                for (int i = 1; i <= tenants; i++) {
                    simulator.apply(String.format(Locale.ROOT, "00000000-0000-4000-8000-%012x", i), ChangePlan.DRIFT, random);
                }
                round("deltaRound", keys, SyncMode.DELTA, launcher, runs, context);
            }
        }
        System.out.println("RESULT " + Json.write(result));
    }

    private void round(String name, List<String> keys, SyncMode mode, SyncLauncher launcher, SyncRunRepository runs,
                       ConfigurableApplicationContext context) throws InterruptedException {
        StatementCounter.top(0);
        long statementsBefore = StatementCounter.STATEMENTS.get();
        long[] cpuBefore = ProcessCpu.millis(postgresPort);
        long start = System.nanoTime();
        List<Long> ids = new ArrayList<>();
        for (String key : keys) {
            ids.add(launcher.launch(key, mode, false, RunTrigger.MANUAL).getId());
        }
        long launchMillis = (System.nanoTime() - start) / 1_000_000;
        // one count per poll, not the round's run entities (loading a thousand of them four times a second was a
        // noticeable share of the round's CPU, spent by the benchmark itself)
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        while (jdbc.queryForObject("select count(*) from sync_run where id between ? and ? and status in ('QUEUED', "
                + "'RUNNING')", Long.class, ids.get(0), ids.get(ids.size() - 1)) > 0) {
            Thread.sleep(250);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        long failed = runs.findAllById(ids).stream().filter(r -> r.getStatus() != RunStatus.SUCCEEDED).count();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("ms", millis);
        figures.put("perTenantMs", millis / (double) keys.size());
        figures.put("notSucceeded", failed);
        figures.put("launchMs", launchMillis);
        long[] cpuAfter = ProcessCpu.millis(postgresPort);
        figures.put("cpuMsPerTenantService", (cpuAfter[0] - cpuBefore[0]) / (double) keys.size());
        figures.put("cpuMsPerTenantDatabase", (cpuAfter[1] - cpuBefore[1]) / (double) keys.size());
        long statements = StatementCounter.STATEMENTS.get() - statementsBefore;
        figures.put("statementsPerTenant", statements / (double) keys.size());
        if (Boolean.getBoolean("bench.sql")) {
            StatementCounter.top(40).forEach(line -> System.out.println("  sql " + line));
        }
        result.put(name, figures);
        System.out.printf(Locale.ROOT, "%-10s %8d ms for %d tenants (%.1f ms per tenant), %d not succeeded%n", name,
                millis, keys.size(), millis / (double) keys.size(), failed);
    }

    private static String mapping(String key, String tenantId, GraphSimulator simulator, Path secret) {
        return """
                tenant: %s
                tenantId: %s
                clientId: %s
                credentials: { clientSecretFile: %s }
                cloud: custom
                graphEndpoint: %s
                authorityHost: %s
                schedule: "0 0 3 1 1 ?"
                scope: { groups: [Helpdesk Users] }
                sites:
                  - { group: Berlin Office, site: %s Berlin }
                  - { default: %s HQ }
                departments: { attribute: department }
                safety: { maxDeactivations: 1000, maxDeactivationPercent: 100 }
                """.formatted(key, tenantId, SyncBenchmark.CLIENT_ID, secret.toAbsolutePath(), simulator.baseUrl(),
                simulator.baseUrl(), key, key);
    }
}
