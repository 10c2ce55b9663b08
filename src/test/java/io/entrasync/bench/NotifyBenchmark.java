package io.entrasync.bench;

import io.entrasync.EntraSyncApplication;
import io.entrasync.graph.TlsTrust;
import io.entrasync.simulator.AppliedChanges;
import io.entrasync.simulator.ChangeKind;
import io.entrasync.simulator.ChangePlan;
import io.entrasync.simulator.DirectoryShape;
import io.entrasync.simulator.GraphSimulator;
import io.entrasync.simulator.SimulatorSettings;
import io.entrasync.simulator.SimulatorTlsTrust;
import io.entrasync.simulator.TenantRegistration;
import io.entrasync.support.ApiClient;
import io.entrasync.support.EmbeddedPostgresInitializer;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Notification-to-helpdesk latency ({@code bench/notify}): the service on embedded PostgreSQL with the Graph simulator
 * as its tenant and its own webhook as the public URL. Each round edits one user in the simulator (which POSTs the
 * change notification at once) and measures until the NOTIFIED delta run that started after the edit has committed;
 * rounds run one after the other. Options: {@code --changes N} (default 100), {@code --users U} (default 2000),
 * {@code --coalesce-window D} (default the service's 2s).
 */
public final class NotifyBenchmark {

    static final String TENANT_ID = "00000000-0000-0000-0000-0000000000be";
    static final String CLIENT_ID = "00000000-0000-0000-0000-0000000000c1";
    static GraphSimulator simulator;

    public static void main(String[] args) throws Exception {
        int changes = 100;
        int users = 2000;
        String window = "2s";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--changes" -> changes = Integer.parseInt(args[i + 1]);
                case "--users" -> users = Integer.parseInt(args[i + 1]);
                case "--coalesce-window" -> window = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; use --changes N --users U --coalesce-window D");
            }
        }
        Path work = Files.createDirectories(Path.of("target", "bench-notify"));
        simulator = GraphSimulator.start(SimulatorSettings.ephemeral(work.resolve("tls")));
        simulator.register(TenantRegistration.withSecret(TENANT_ID, CLIENT_ID, "bench-secret"),
                DirectoryShape.of(users, Math.max(12, users / 50), 42));
        Path mappings = Files.createDirectories(work.resolve("mappings"));
        Path secret = work.resolve("bench.secret");
        Files.writeString(secret, "bench-secret");
        Files.writeString(mappings.resolve("bench.yaml"), "tenant: bench\ntenantId: " + TENANT_ID + "\nclientId: "
                + CLIENT_ID + "\ncredentials: { clientSecretFile: " + secret.toAbsolutePath() + " }\ncloud: custom\n"
                + "graphEndpoint: " + simulator.baseUrl() + "\nauthorityHost: " + simulator.baseUrl() + "\n"
                + "schedule: \"0 0 3 * * ?\"\nsites:\n  - { default: HQ }\n");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        // registered by an initializer, not a nested @Configuration: the tests' component scan would find that one
        ConfigurableApplicationContext app = new SpringApplicationBuilder(EntraSyncApplication.class)
                .initializers(context -> ((GenericApplicationContext) context).registerBean("benchSimulatorTrust",
                        TlsTrust.class, () -> new SimulatorTlsTrust(simulator.trustStore(), simulator.port()),
                        definition -> definition.setPrimary(true))).run("--spring.datasource.url=" + EmbeddedPostgresInitializer.newDatabaseUrl(),
                "--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
                "--server.port=" + port, "--entra-sync.simulator.enabled=false",
                "--entra-sync.admin-token=" + ApiClient.TOKEN, "--entra-sync.mappings-dir=" + mappings.toAbsolutePath(),
                "--entra-sync.notifications.public-base-url=http://127.0.0.1:" + port,
                "--entra-sync.notifications.coalesce-window=" + window, "--logging.level.io.entrasync=warn");
        try {
            ApiClient api = new ApiClient(port);
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            await(() -> simulator.subscriptions(TENANT_ID).size() == 2, Duration.ofSeconds(60));
            api.syncAndWait("bench", "FULL", false);
            List<Long> millis = new ArrayList<>();
            Random random = new Random(7);
            for (int i = 0; i < changes; i++) {
                Instant before = Instant.now();
                AppliedChanges applied = simulator.apply(TENANT_ID, ChangePlan.none().with(ChangeKind.EDIT, 1), random);
                if (applied.changes().isEmpty()) {
                    continue;
                }
                Instant[] done = new Instant[1];
                await(() -> (done[0] = committedAfter(jdbc, before)) != null, Duration.ofSeconds(60));
                millis.add(Duration.between(before, done[0]).toMillis());
                await(() -> jdbc.queryForObject("select count(*) from sync_run where status in ('QUEUED','RUNNING')",
                        Long.class) == 0, Duration.ofSeconds(60));
            }
            millis.sort(Long::compare);
            System.out.printf("notification-to-helpdesk latency over %d changes (%d users, coalesce window %s): "
                            + "median %d ms, p95 %d ms, min %d ms, max %d ms; notified runs %d, notifications sent %d%n",
                    millis.size(), users, window, percentile(millis, 50), percentile(millis, 95), millis.get(0),
                    millis.get(millis.size() - 1), jdbc.queryForObject("select count(*) from sync_run where "
                            + "run_trigger = 'NOTIFIED'", Long.class), simulator.notificationsSent());
        } finally {
            app.close();
            simulator.close();
        }
    }

    /** When the first NOTIFIED run that started after {@code after} committed; null while there is none. */
    private static Instant committedAfter(JdbcTemplate jdbc, Instant after) {
        List<Timestamp> finished = jdbc.query("select finished_at from sync_run where run_trigger = 'NOTIFIED' and "
                + "status = 'SUCCEEDED' and started_at >= ? order by id limit 1", (rs, i) -> rs.getTimestamp(1),
                Timestamp.from(after));
        return finished.isEmpty() ? null : finished.get(0).toInstant();
    }

    static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static void await(java.util.function.BooleanSupplier condition, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("timed out after " + timeout);
            }
            Thread.sleep(10);
        }
    }
}
