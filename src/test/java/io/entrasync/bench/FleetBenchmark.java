package io.entrasync.bench;

import io.entrasync.EntraSyncApplication;
import io.entrasync.support.FleetFixture;
import io.entrasync.support.FleetFixture.Run;
import io.entrasync.support.RequestStatements;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The fleet view at MSP scale (issue 22): {@code --tenants} mapping files (default 1,000) and {@code --runs-per-tenant}
 * runs each (default 100: 100,000 runs) in a real PostgreSQL, then {@code GET /api/tenants} pages as the admin page
 * asks for them (first page, needs attention, a search, sorted by last run, a late page) timed over real HTTP:
 * median and p95 per page and the SQL statements one page costs. Not a test: numbers for docs/benchmarks.md.
 * Usage: {@code bench/fleet [--tenants N] [--runs-per-tenant R] [--repeat K]}.
 */
final class FleetBenchmark {

    private static final String TOKEN = "bench-admin-token-0123456789abcdef";

    public static void main(String[] args) throws Exception {
        int tenants = 1000;
        int runsPerTenant = 100;
        int repeat = 50;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--tenants" -> tenants = Integer.parseInt(args[i + 1]);
                case "--runs-per-tenant" -> runsPerTenant = Integer.parseInt(args[i + 1]);
                case "--repeat" -> repeat = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; use --tenants N --runs-per-tenant R --repeat K");
            }
        }
        Path work = Files.createTempDirectory("entra-sync-fleet");
        Path mappings = FleetFixture.writeTenants(work.resolve("mappings"), tenants);
        Map<String, Object> result = new LinkedHashMap<>();
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).start()) {
            String url = postgres.getJdbcUrl("postgres", "postgres") + "&reWriteBatchedInserts=true";
            try (ConfigurableApplicationContext context = new SpringApplicationBuilder(EntraSyncApplication.class,
                    RequestStatements.class).run("--spring.datasource.url=" + url,
                    "--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
                    "--server.port=0", "--entra-sync.admin-token=" + TOKEN, "--entra-sync.simulator.enabled=false",
                    "--entra-sync.mappings-dir=" + mappings.toAbsolutePath(), "--logging.level.root=WARN")) {
                JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
                long inserting = System.nanoTime();
                int inserted = history(jdbc, tenants, runsPerTenant);
                jdbc.execute("analyze sync_run");
                result.put("tenants", tenants);
                result.put("runs", inserted);
                result.put("insertMs", (System.nanoTime() - inserting) / 1_000_000);
                int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
                awaitScheduled(jdbc, tenants);
                for (String path : List.of("/api/tenants", "/api/tenants?state=needs-attention",
                        "/api/tenants?q=tenant-05&sort=state", "/api/tenants?sort=lastRun,desc",
                        "/api/tenants?page=19&size=50", "/api/sync-runs?status=FAILED&limit=50")) {
                    result.put(path, measure(port, path, repeat));
                }
            }
        }
        System.out.println("RESULT " + Json.write(result));
    }

    /**
     * {@code runsPerTenant} runs 15 minutes apart per tenant, newest now: every 10th tenant's three newest runs
     * failed (failing), every 50th is held on a BLOCKED run, every 25th (from the 3rd) ran last two days ago (stale),
     * every 100th (from the 7th) never ran (never-synced). Inserted in time order, as the service would have.
     */
    private static int history(JdbcTemplate jdbc, int tenants, int runsPerTenant) {
        Instant now = Instant.now();
        List<Run> runs = new ArrayList<>(tenants * runsPerTenant);
        for (int step = runsPerTenant - 1; step >= 0; step--) {
            for (int n = 1; n <= tenants; n++) {
                if (n % 100 == 7) {
                    continue;
                }
                String key = FleetFixture.key(n);
                Instant at = now.minus(Duration.ofMinutes(15L * step + n % 15))
                        .minus(n % 25 == 3 ? Duration.ofDays(2) : Duration.ZERO);
                boolean failed = (n % 10 == 0 && step < 3) || (step % 37 == 5);
                boolean blocked = n % 50 == 0 && step == 0;
                runs.add(blocked ? Run.blocked(key, at) : failed ? Run.failed(key, at) : Run.succeeded(key, at));
            }
        }
        FleetFixture.insert(jdbc, runs);
        for (int n = 50; n <= tenants; n += 50) {
            FleetFixture.hold(jdbc, FleetFixture.key(n));
        }
        return runs.size();
    }

    /** The scheduler has added every tenant's job and trigger (its reconcile runs at start-up and every 30 s). */
    private static void awaitScheduled(JdbcTemplate jdbc, int tenants) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline && jdbc.queryForObject(
                "select count(*) from qrtz_triggers where job_group = 'tenant-sync'", Integer.class) < tenants) {
            Thread.sleep(500);
        }
    }

    private static Map<String, Object> measure(int port, String path, int repeat) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + TOKEN).build();
        for (int i = 0; i < 5; i++) {
            send(http, request); // warm-up: JIT, Hibernate's query plans, PostgreSQL's caches
        }
        double[] millis = new double[repeat];
        long statements = 0;
        int bytes = 0;
        for (int i = 0; i < repeat; i++) {
            long before = RequestStatements.count();
            long start = System.nanoTime();
            bytes = send(http, request).length();
            millis[i] = (System.nanoTime() - start) / 1e6;
            statements = RequestStatements.count() - before;
        }
        Arrays.sort(millis);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("medianMs", Math.round(millis[repeat / 2] * 10) / 10.0);
        figures.put("p95Ms", Math.round(millis[(int) Math.ceil(repeat * 0.95) - 1] * 10) / 10.0);
        figures.put("statements", statements);
        figures.put("bytes", bytes);
        System.out.println(path + " " + figures);
        return figures;
    }

    private static String send(HttpClient http, HttpRequest request) throws Exception {
        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(request.uri() + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return answer.body();
    }
}
