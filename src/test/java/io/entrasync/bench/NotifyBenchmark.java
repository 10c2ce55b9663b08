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
 * rounds run one after the other. Then the webhook's answer time under a flood: {@code --flood R} requests (default
 * 1000) from {@value #FLOOD_SENDERS} concurrent senders, each a batch of {@value #FLOOD_BATCH} items mixing valid ones
 * with items of unknown subscriptions, wrong clientStates and another tenantId (Graph mixes subscriptions in one POST),
 * after {@value #FLOOD_WARMUP} unmeasured requests one at a time.
 * Options: {@code --changes N} (default 100, 0 skips the latency rounds), {@code --users U} (default 2000),
 * {@code --coalesce-window D} (default the service's 2s), {@code --flood R}.
 */
public final class NotifyBenchmark {

    static final String TENANT_ID = "00000000-0000-0000-0000-0000000000be";
    static final String CLIENT_ID = "00000000-0000-0000-0000-0000000000c1";
    static GraphSimulator simulator;
    static final int FLOOD_SENDERS = 20;
    static final int FLOOD_BATCH = 10;
    static final int FLOOD_WARMUP = 200;

    public static void main(String[] args) throws Exception {
        int changes = 100;
        int users = 2000;
        String window = "2s";
        int flood = 1000;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--changes" -> changes = Integer.parseInt(args[i + 1]);
                case "--users" -> users = Integer.parseInt(args[i + 1]);
                case "--coalesce-window" -> window = args[i + 1];
                case "--flood" -> flood = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; use --changes N --users U --coalesce-window D --flood R");
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
            if (!millis.isEmpty()) {
                millis.sort(Long::compare);
                System.out.printf("notification-to-helpdesk latency over %d changes (%d users, coalesce window %s): "
                                + "median %d ms, p95 %d ms, min %d ms, max %d ms; notified runs %d, notifications sent "
                                + "%d%n", millis.size(), users, window, percentile(millis, 50), percentile(millis, 95),
                        millis.get(0), millis.get(millis.size() - 1), jdbc.queryForObject("select count(*) from "
                                + "sync_run where run_trigger = 'NOTIFIED'", Long.class), simulator.notificationsSent());
            }
            if (flood > 0) {
                flood(jdbc, port, flood);
            }
        } finally {
            app.close();
            simulator.close();
        }
    }

    /**
     * Sends {@code requests} mixed batches to the webhook from {@link #FLOOD_SENDERS} threads and reports the answer
     * times, then how long the processing after the answers took and how many NOTIFIED runs the flood cost. The valid
     * items name a subscription stored here for the bench (its clientState is known; the simulator's are not).
     */
    private static void flood(JdbcTemplate jdbc, int port, int requests) throws Exception {
        String clientState = "bench-flood-client-state-" + java.util.UUID.randomUUID();
        String subscription = "bench-flood-" + java.util.UUID.randomUUID();
        jdbc.update("insert into notification_subscription (subscription_id, tenant, resource, client_state_hash, "
                + "expires_at, created_at) values (?, 'bench', 'flood', ?, ?, ?)", subscription,
                java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(clientState.getBytes(java.nio.charset.StandardCharsets.UTF_8))),
                Timestamp.from(Instant.now().plus(Duration.ofDays(1))), Timestamp.from(Instant.now()));
        String key = jdbc.queryForObject("select webhook_key from notification_webhook_key", String.class);
        java.net.URI url = java.net.URI.create("http://127.0.0.1:" + port + "/webhooks/graph?key=" + key);
        java.util.concurrent.ExecutorService clientThreads = java.util.concurrent.Executors.newFixedThreadPool(4);
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).executor(clientThreads).build();
        java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(FLOOD_SENDERS);
        // warm-up (not measured): the JIT has compiled the webhook's path by the time Graph floods a running service
        for (int r = 0; r < FLOOD_WARMUP; r++) {
            http.send(java.net.http.HttpRequest.newBuilder(url).header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(batch(r, subscription, clientState)))
                    .build(), java.net.http.HttpResponse.BodyHandlers.discarding());
        }
        await(() -> jdbc.queryForObject("select count(*) from sync_run where status in ('QUEUED','RUNNING')",
                Long.class) == 0 && jdbc.queryForObject("select count(*) from notification_pending", Long.class) == 0,
                Duration.ofSeconds(120));
        long runsBefore = jdbc.queryForObject("select count(*) from sync_run where run_trigger = 'NOTIFIED'", Long.class);
        List<java.util.concurrent.Future<long[]>> sent = new ArrayList<>();
        Instant start = Instant.now();
        for (int r = 0; r < requests; r++) {
            String body = batch(r, subscription, clientState);
            sent.add(senders.submit(() -> {
                long t0 = System.nanoTime();
                int status = http.send(java.net.http.HttpRequest.newBuilder(url)
                                .header("Content-Type", "application/json")
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
                return new long[]{(System.nanoTime() - t0) / 1_000, status};
            }));
        }
        List<Long> micros = new ArrayList<>();
        int other = 0;
        for (var answer : sent) {
            long[] result = answer.get();
            micros.add(result[0]);
            other += result[1] == 202 ? 0 : 1;
        }
        Duration flooding = Duration.between(start, Instant.now());
        senders.shutdown();
        clientThreads.shutdown();
        await(() -> jdbc.queryForObject("select count(*) from notification_inbox", Long.class) == 0,
                Duration.ofSeconds(120));
        Duration drained = Duration.between(start, Instant.now());
        await(() -> jdbc.queryForObject("select count(*) from sync_run where status in ('QUEUED','RUNNING')",
                Long.class) == 0 && jdbc.queryForObject("select count(*) from notification_pending", Long.class) == 0,
                Duration.ofSeconds(120));
        micros.sort(Long::compare);
        System.out.printf("webhook answer time under a flood of %d requests (%d senders, %d items each: 4 valid, 3 of "
                        + "unknown subscriptions, 2 wrong clientState, 1 other tenantId): median %.1f ms, p99 %.1f ms, "
                        + "max %.1f ms; %d answered other than 202; flood sent in %d ms (%.0f requests/s), inbox "
                        + "processed %d ms after the first request; NOTIFIED runs caused: %d%n", requests,
                FLOOD_SENDERS, FLOOD_BATCH, percentile(micros, 50) / 1000.0, percentile(micros, 99) / 1000.0,
                micros.get(micros.size() - 1) / 1000.0, other, flooding.toMillis(),
                requests * 1000.0 / Math.max(1, flooding.toMillis()), drained.toMillis(),
                jdbc.queryForObject("select count(*) from sync_run where run_trigger = 'NOTIFIED'", Long.class)
                        - runsBefore);
    }

    /** One changeNotificationCollection shaped like Graph's, mixing valid and invalid items. */
    private static String batch(int request, String subscription, String clientState) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < FLOOD_BATCH; i++) {
            String id = i < 4 || i >= 7 ? subscription : java.util.UUID.randomUUID().toString();
            String state = i == 7 || i == 8 ? "not-the-client-state" : clientState;
            String tenant = i == 9 ? "99999999-0000-0000-0000-000000000000" : TENANT_ID;
            String user = String.format("0a1b2c3d-0000-4000-8000-%012d", request * FLOOD_BATCH + i);
            items.add("{\"subscriptionId\":\"" + id + "\",\"subscriptionExpirationDateTime\":\""
                    + Instant.now().plus(Duration.ofDays(1)) + "\",\"changeType\":\"updated\",\"resource\":\"Users/"
                    + user + "\",\"resourceData\":{\"@odata.type\":\"#Microsoft.Graph.User\",\"@odata.id\":\"Users/"
                    + user + "\",\"id\":\"" + user + "\",\"organizationId\":\"" + tenant + "\"},\"clientState\":\""
                    + state + "\",\"tenantId\":\"" + tenant + "\"}");
        }
        return "{\"value\":[" + String.join(",", items) + "]}";
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
