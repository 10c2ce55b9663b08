package io.entrasync.bench;

import static io.entrasync.support.FakeDirectory.person;
import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.support.ApiClient;
import io.entrasync.support.EmbeddedPostgresInitializer;
import io.entrasync.support.FakeDirectory;
import io.entrasync.support.TrustTestTls;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The load benchmark (a command, not part of {@code mvn verify}: the class name does not end in Test):
 * <pre>
 * mvn -B test -Dtest=LoadBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -DargLine="-Dbench.users=100000 -Dbench.clients=50 -Dbench.seconds=60"
 * </pre>
 * The service runs against embedded PostgreSQL and a WireMock Graph holding {@code bench.users} users. While full
 * syncs of that directory run back to back, {@code bench.clients} threads call the API on loopback for
 * {@code bench.seconds}: user search by email (60 %), inbound email (20 %), ticket creation (20 %). Prints
 * throughput, p50/p99 latency and errors per call, and writes them to {@code target/load-benchmark.md}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "entra-sync.admin-token=" + ApiClient.TOKEN,
        "entra-sync.api.sync-trigger-burst=1000",
        "spring.datasource.hikari.maximum-pool-size=20",
        "logging.level.io.entrasync=WARN"
})
@Import(TrustTestTls.class)
@ContextConfiguration(initializers = EmbeddedPostgresInitializer.class)
class LoadBenchmark {

    static final int USERS = Integer.getInteger("bench.users", 20_000);
    static final int CLIENTS = Integer.getInteger("bench.clients", 50);
    static final int SECONDS = Integer.getInteger("bench.seconds", 60);
    static final FakeDirectory graph = new FakeDirectory(999);
    static final Path MAPPINGS = Path.of("target", "bench-sync", "mappings");

    @LocalServerPort
    int port;


    @DynamicPropertySource
    static void mappings(DynamicPropertyRegistry registry) {
        String dir = graph.writeMapping(MAPPINGS, "contoso", """
                    scope: { groups: [Everyone] }
                    sites:
                      - { attribute: companyName }
                      - { default: HQ }
                    departments: { attribute: department, createMissing: true }
                    safety: { maxDeactivations: 1000000, maxDeactivationPercent: 100 }
                    """);
        registry.add("entra-sync.mappings-dir", () -> dir);
    }

    @AfterAll
    static void stop() {
        graph.stop();
    }

    /** Latencies (ns) and errors of one kind of call. */
    record Stats(List<Long> latencies, AtomicInteger errors, Map<String, AtomicInteger> errorKinds) {
        static Stats create() {
            return new Stats(Collections.synchronizedList(new ArrayList<>()), new AtomicInteger(), new ConcurrentHashMap<>());
        }

        void error(String kind) {
            errors.incrementAndGet();
            errorKinds.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
        }

        String line(String name, double seconds) {
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            return String.format("| %s | %d | %.0f/s | %.1f ms | %.1f ms | %.1f ms | %d %s |", name, sorted.size(),
                    sorted.size() / seconds, pct(sorted, 50), pct(sorted, 99), pct(sorted, 100), errors.get(),
                    errorKinds.isEmpty() ? "" : errorKinds.toString());
        }

        private static double pct(List<Long> sorted, int p) {
            if (sorted.isEmpty()) {
                return 0;
            }
            int index = Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1);
            return sorted.get(Math.max(0, index)) / 1e6;
        }
    }

    @Test
    void apiUnderLoadWhileALargeSyncRuns() throws Exception {
        ApiClient api = new ApiClient(port);
        graph.lookupsAlwaysFind().group("g-all", "Everyone");
        for (int i = 0; i < USERS; i++) {
            String id = String.format("u-%06d", i);
            Map<String, Object> user = person("First" + i, "Last" + i, id + "@contoso.org", "Dept " + (i % 50));
            user.put("companyName", "Site " + (i % 100));
            user.put("jobTitle", "Engineer");
            graph.user(id, user).member("g-all", id);
        }
        graph.publish();
        assertThat(api.post("/api/sites", "{\"name\":\"Inbox\",\"emailDomains\":[\"load.example\"]}").status()).isEqualTo(201);
        List<Long> ticketUsers = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 200; i++) {
            ticketUsers.add(api.post("/api/inbound-email", "{\"from\":\"seed" + i + "@load.example\",\"subject\":\"seed\"}")
                    .json().get("userId").asLong());
        }
        // a first full sync before the load, so that searches hit synced accounts
        long warm = System.nanoTime();
        JsonNode first = await(api, api.post("/api/tenants/contoso/sync", "{\"mode\":\"FULL\"}").header("Location"));
        double firstSeconds = (System.nanoTime() - warm) / 1e9;
        assertThat(first.get("status").asString()).as(first.toString()).isEqualTo("SUCCEEDED");

        Stats search = Stats.create();
        Stats email = Stats.create();
        Stats ticket = Stats.create();
        AtomicLong deadline = new AtomicLong(System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS));
        List<String> syncRuns = new CopyOnWriteArrayList<>();
        Thread syncer = new Thread(() -> {
            while (System.nanoTime() < deadline.get()) {
                var started = api.post("/api/tenants/contoso/sync", "{\"mode\":\"FULL\"}");
                if (started.status() != 202) {
                    syncRuns.add("trigger " + started.status());
                    sleep(500);
                    continue;
                }
                JsonNode run = await(api, started.header("Location"));
                syncRuns.add(run.get("status").asString() + " " + run.get("durationMs").asLong() + " ms, "
                        + run.get("usersProcessed").asInt() + " users");
            }
        });
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        long start = System.nanoTime();
        syncer.start();
        AtomicInteger sequence = new AtomicInteger();
        for (int c = 0; c < CLIENTS; c++) {
            clients.submit(() -> {
                while (System.nanoTime() < deadline.get()) {
                    int roll = ThreadLocalRandom.current().nextInt(10);
                    int n = sequence.incrementAndGet();
                    if (roll < 6) {
                        String id = String.format("u-%06d", ThreadLocalRandom.current().nextInt(USERS));
                        call(http, "GET", "/api/users?email=" + id + "@contoso.org", null, search);
                    } else if (roll < 8) {
                        call(http, "POST", "/api/inbound-email", "{\"from\":\"walkin" + n + "@load.example\",\"subject\":"
                                + "\"printer " + n + "\",\"body\":\"it is broken\"}", email);
                    } else {
                        long user = ticketUsers.get(ThreadLocalRandom.current().nextInt(ticketUsers.size()));
                        call(http, "POST", "/api/tickets", "{\"userId\":" + user + ",\"subject\":\"ticket " + n + "\"}",
                                ticket);
                    }
                }
                return null;
            });
        }
        clients.shutdown();
        assertThat(clients.awaitTermination(SECONDS + 60, TimeUnit.SECONDS)).isTrue();
        double seconds = (System.nanoTime() - start) / 1e9;
        syncer.join(600_000);

        List<String> report = new ArrayList<>();
        report.add(String.format("%d users in the directory, %d clients, %.1f s of load; first full sync (no load) %.1f s",
                USERS, CLIENTS, seconds, firstSeconds));
        report.add("sync runs during the load: " + syncRuns);
        report.add("");
        report.add("| call | requests | throughput | p50 | p99 | max | errors |");
        report.add("|---|---|---|---|---|---|---|");
        report.add(search.line("GET /api/users?email= (search)", seconds));
        report.add(email.line("POST /api/inbound-email", seconds));
        report.add(ticket.line("POST /api/tickets", seconds));
        String text = String.join("\n", report);
        System.out.println("\n=== load benchmark ===\n" + text + "\n");
        Files.writeString(Path.of("target", "load-benchmark.md"), text + "\n");
    }

    private void call(HttpClient http, String method, String path, String body, Stats stats) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + ApiClient.TOKEN);
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        long t0 = System.nanoTime();
        try {
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            long elapsed = System.nanoTime() - t0;
            if (answer.statusCode() >= 400) {
                stats.error("HTTP " + answer.statusCode());
            } else {
                stats.latencies().add(elapsed);
            }
        } catch (IOException e) {
            stats.error(e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static JsonNode await(ApiClient api, String location) {
        while (true) {
            JsonNode run = api.get(location).json();
            String status = run.get("status").asString();
            if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
                return run;
            }
            sleep(200);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
