package io.entrasync.bench;

import io.entrasync.EntraSyncApplication;
import io.entrasync.graph.GraphDirectorySource;
import io.entrasync.graph.GraphProperties;
import io.entrasync.graph.TlsTrust;
import io.entrasync.simulator.ChangeKind;
import io.entrasync.simulator.ChangePlan;
import io.entrasync.simulator.DirectoryShape;
import io.entrasync.simulator.GraphSimulator;
import io.entrasync.simulator.SimulatorSettings;
import io.entrasync.simulator.TenantRegistration;
import io.entrasync.source.TenantConnection;
import io.entrasync.sync.SyncMode;
import io.entrasync.sync.SyncRun;
import io.entrasync.sync.SyncRuns;
import io.entrasync.sync.SyncService;
import io.entrasync.sync.RunTrigger;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The sync benchmark (issue 7): a simulated tenant of N users served over loopback https, the service's real
 * code path on a real PostgreSQL, and the floors it is measured against. Prints a table and a last line
 * {@code RESULT {json}}. Run with {@code bench/run}; see docs/benchmarks.md.
 */
public final class SyncBenchmark {

    static final String TENANT_ID = "00000000-0000-4000-8000-00000000be01";
    static final String CLIENT_ID = "00000000-0000-0000-0000-0000000000c1";
    static final String SECRET = "bench-secret";

    private final BenchOptions options;
    private final Map<String, Object> result = new LinkedHashMap<>();
    /** Wall time of each phase in every round, for the medians. */
    private final Map<String, java.util.List<Long>> samples = new LinkedHashMap<>();

    private SyncBenchmark(BenchOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args);
        if (options.tenants() > 1) {
            new MspBenchmark(options.tenants(), options.users()).run();
        } else {
            new SyncBenchmark(options).run();
        }
        System.exit(0);
    }

    private void run() throws Exception {
        Path work = Files.createTempDirectory("entra-sync-bench");
        String dbUrl = System.getenv("BENCH_DB_URL");
        EmbeddedPostgres postgres = null;
        if (dbUrl == null) {
            postgres = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).start();
            dbUrl = postgres.getJdbcUrl("postgres", "postgres") + "&reWriteBatchedInserts=true";
        }
        DirectoryShape shape = DirectoryShape.of(options.users(), options.groups(), 7);
        try (GraphSimulator simulator = simulator(work, Duration.ZERO, shape)) {
            BenchTrust.trustStore = simulator.trustStore();
            Path mappings = Files.createDirectories(work.resolve("mappings"));
            Path secret = work.resolve("secret");
            Files.writeString(secret, SECRET);
            writeMapping(mappings, simulator, secret);
            result.put("users", options.users());
            result.put("groups", options.groups());
            result.put("pageSize", options.pageSize());
            result.put("runs", options.runs());
            result.put("stats", simulator.directory(TENANT_ID).stats().toString());
            for (int round = 1; round <= options.runs(); round++) {
                // every round starts from an empty helpdesk; the simulated tenant keeps the previous rounds' changes
                try (ConfigurableApplicationContext context = context(freshDatabase(dbUrl), mappings)) {
                    SyncRuns runs = context.getBean(SyncRuns.class);
                    SyncService service = context.getBean(SyncService.class);
                    phase("full", () -> sync(runs, service, SyncMode.FULL));
                    phase("fullAgain", () -> sync(runs, service, SyncMode.FULL));
                    phase("deltaWarm", () -> sync(runs, service, SyncMode.DELTA));
                    simulator.apply(TENANT_ID, ChangePlan.none().with(ChangeKind.EDIT, 700).with(ChangeKind.MOVE, 150)
                            .with(ChangeKind.SOFT_DELETE, 50).with(ChangeKind.PURGE, 50).with(ChangeKind.RESTORE, 50),
                            new Random(11 + round));
                    phase("delta", () -> sync(runs, service, SyncMode.DELTA));
                    phase("floorFetch", () -> floorFetch(simulator));
                    phase("floorWrite", () -> FloorWrite.run(context, options.users()));
                    samples.computeIfAbsent("floorWriteCopyIn", k -> new java.util.ArrayList<>()).add(
                            ((Number) ((Map<?, ?>) result.get("floorWrite")).get("copyInMs")).longValue());
                    if (round == options.runs() && options.latencyMs() > 0) {
                        try (GraphSimulator slow = simulator(work, Duration.ofMillis(options.latencyMs()), shape)) {
                            BenchTrust.trustStore = slow.trustStore();
                            writeMapping(mappings, slow, secret);
                            Thread.sleep(1100);
                            phase("latency", () -> sync(runs, service, SyncMode.FULL));
                            long userPages = (options.users() + options.pageSize() - 1) / options.pageSize();
                            result.put("latencyFloorMs", userPages * options.latencyMs());
                        }
                    }
                }
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
        report();
    }

    private static String dbUser() {
        return System.getenv().getOrDefault("BENCH_DB_USER", "postgres");
    }

    private static String dbPassword() {
        return System.getenv().getOrDefault("BENCH_DB_PASSWORD", "postgres");
    }

    /** Every run starts from an empty helpdesk: a new database on the server the URL names. */
    private static String freshDatabase(String url) throws Exception {
        String name = "bench_" + System.currentTimeMillis();
        try (var connection = java.sql.DriverManager.getConnection(url, dbUser(), dbPassword());
             var statement = connection.createStatement()) {
            statement.execute("create database " + name);
        }
        return url.replaceFirst("(jdbc:postgresql://[^/]+/)([^?]*)", "$1" + name);
    }

    private GraphSimulator simulator(Path dir, Duration latency, DirectoryShape shape) {
        GraphSimulator simulator = GraphSimulator.start(new SimulatorSettings(0, dir.resolve("tls"), options.pageSize(),
                latency, Duration.ZERO, false, 4));
        simulator.register(TenantRegistration.withSecret(TENANT_ID, CLIENT_ID, SECRET), shape);
        return simulator;
    }

    private static void writeMapping(Path mappings, GraphSimulator simulator, Path secret) throws Exception {
        Files.writeString(mappings.resolve("bench.yaml"), """
                tenant: bench
                tenantId: %s
                clientId: %s
                credentials: { clientSecretFile: %s }
                cloud: custom
                graphEndpoint: %s
                authorityHost: %s
                schedule: "0 0 3 1 1 ?"
                scope: { groups: [Helpdesk Users], includeGuests: false }
                sites:
                  - { group: Berlin Office, site: Berlin }
                  - { group: Paris Office, site: Paris }
                  - { default: Headquarters }
                departments: { attribute: department, createMissing: true }
                mainSiteUsers: { group: Site Admins }
                tickets: { autoTicketDisabledGroup: No Auto Tickets }
                safety: { maxDeactivations: 1000000, maxDeactivationPercent: 100 }
                """.formatted(TENANT_ID, CLIENT_ID, secret.toAbsolutePath(), simulator.baseUrl(), simulator.baseUrl()));
    }

    private static ConfigurableApplicationContext context(String dbUrl, Path mappings) {
        // command-line arguments: they outrank application.yml (builder properties would not)
        return new SpringApplicationBuilder(EntraSyncApplication.class, BenchTrust.class).run(
                "--spring.datasource.url=" + dbUrl,
                "--spring.datasource.username=" + dbUser(),
                "--spring.datasource.password=" + dbPassword(),
                "--server.port=0",
                "--entra-sync.admin-token=bench-admin-token-0123456789abcdef",
                "--entra-sync.simulator.enabled=false",
                "--entra-sync.mappings-dir=" + mappings.toAbsolutePath(),
                "--spring.quartz.auto-startup=false",
                "--logging.level.root=WARN",
                "--logging.level.io.entrasync.sync=INFO");
    }

    private Map<String, Object> sync(SyncRuns runs, SyncService service, SyncMode mode) {
        SyncRun queued = runs.queue("bench", mode, RunTrigger.MANUAL, false, null);
        SyncRun run = service.execute(queued.getId());
        if (!"SUCCEEDED".equals(run.getStatus().name())) {
            throw new IllegalStateException("bench run " + run.getId() + " ended " + run.getStatus() + ": " + run.getError());
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("counts", run.counts().toString().replaceAll("^RunCounts", ""));
        figures.put("pages", run.getPagesRead());
        return figures;
    }

    private Map<String, Object> floorFetch(GraphSimulator simulator) {
        GraphDirectorySource source = new GraphDirectorySource(new GraphProperties(3, Duration.ofSeconds(5),
                Duration.ofMillis(100), Duration.ofSeconds(10), Duration.ofSeconds(60), 100, Duration.ofMinutes(10)), trustAll(simulator));
        TenantConnection connection = new TenantConnection("bench-floor", TENANT_ID, CLIENT_ID,
                new TenantConnection.Credentials(null, benchSecretFile(), null, null), TenantConnection.Cloud.CUSTOM,
                simulator.baseUrl(), simulator.baseUrl());
        AtomicLong users = new AtomicLong();
        AtomicLong members = new AtomicLong();
        source.readGroups(connection, null, false, page -> members.addAndGet(page.memberChanges().size()));
        source.readUsers(connection, null, false, page -> users.addAndGet(page.users().size()));
        return Map.of("usersRead", users.get(), "membershipsRead", members.get());
    }

    private static Path benchSecretFile;

    private static Path benchSecretFile() {
        try {
            if (benchSecretFile == null) {
                benchSecretFile = Files.createTempFile("bench-secret", "");
                Files.writeString(benchSecretFile, SECRET);
            }
            return benchSecretFile;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static TlsTrust trustAll(GraphSimulator simulator) {
        TlsTrust.TrustMaterial material = TlsTrust.TrustMaterial.trusting(simulator.trustStore());
        return tenant -> java.util.Optional.of(material);
    }

    /** Runs one phase and records wall time, users/s, peak heap and SQL statements per user. */
    private void phase(String name, java.util.concurrent.Callable<Map<String, Object>> work) throws Exception {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        long statementsBefore = StatementCounter.STATEMENTS.get();
        long start = System.nanoTime();
        Map<String, Object> figures = new LinkedHashMap<>(work.call());
        long millis = (System.nanoTime() - start) / 1_000_000;
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        long statements = StatementCounter.STATEMENTS.get() - statementsBefore;
        figures.put("ms", millis);
        figures.put("usersPerSecond", millis == 0 ? 0 : options.users() * 1000L / millis);
        figures.put("peakHeapMb", peak / (1024 * 1024));
        figures.put("statements", statements);
        figures.put("statementsPerUser", String.format(Locale.ROOT, "%.3f", statements / (double) options.users()));
        result.put(name, figures);
        samples.computeIfAbsent(name, k -> new java.util.ArrayList<>()).add(millis);
        System.out.printf(Locale.ROOT, "%-11s %8d ms %9d users/s  peak heap %5d MB  %8d SQL (%.3f/user)  %s%n", name,
                millis, figures.get("usersPerSecond"), peak / (1024 * 1024), statements,
                statements / (double) options.users(), work instanceof Object ? figures.getOrDefault("counts", "") : "");
    }

    /** Ratios from the medians of every round (one round: its own figures). */
    private void report() {
        Map<String, Long> medians = new LinkedHashMap<>();
        samples.forEach((phase, values) -> medians.put(phase, median(values)));
        result.put("medianMs", medians);
        result.put("samplesMs", samples);
        long floor = medians.get("floorFetch") + medians.get("floorWriteCopyIn");
        result.put("fullOverFloor", String.format(Locale.ROOT, "%.2f", medians.get("full") / (double) Math.max(1, floor)));
        if (result.containsKey("latency")) {
            result.put("latencyOverFloor", String.format(Locale.ROOT, "%.2f",
                    medians.get("latency") / (double) ((Number) result.get("latencyFloorMs")).longValue()));
        }
        System.out.println("medians of " + options.runs() + " run(s), ms: " + medians);
        System.out.println("full / (floor-fetch + floor-write) = " + result.get("fullOverFloor")
                + (result.containsKey("latencyOverFloor") ? "   latency / floor = " + result.get("latencyOverFloor") : ""));
        System.out.println("RESULT " + Json.write(result));
    }

    private static long median(java.util.List<Long> values) {
        java.util.List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
