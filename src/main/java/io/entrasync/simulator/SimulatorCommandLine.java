package io.entrasync.simulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code GraphSimulator.main}: runs the simulator on its own (benchmarks, manual tries) until killed.
 * The first tenant is the demo tenant; further tenants get ids from {@link #tenantId(int)}; all accept the same
 * client id and secret.
 */
final class SimulatorCommandLine {

    static final String USAGE = "usage: GraphSimulator [--port 8443] [--users 300] [--groups 40] [--page-size 200] "
            + "[--latency-ms 0] [--tenants 1] [--seed 42] [--drift-every-s 0] [--secret demo-secret] "
            + "[--client-id 00000000-0000-0000-0000-0000000000c1] [--tenant-id 00000000-0000-0000-0000-0000000000de] "
            + "[--keystore-dir ./data/simulator] [--threads 8]";
    private static final Set<String> OPTIONS = Set.of("port", "users", "groups", "page-size", "latency-ms", "tenants",
            "seed", "drift-every-s", "secret", "client-id", "tenant-id", "keystore-dir", "threads");

    private SimulatorCommandLine() {
    }

    /** Tenant ids of tenants 2..n of a standalone run: {@code 00000000-0000-4000-8000-<n as 12 hex digits>}. */
    static String tenantId(int n) {
        return String.format(Locale.ROOT, "00000000-0000-4000-8000-%012x", n);
    }

    static void run(String[] args) throws InterruptedException {
        Map<String, String> options = parse(args);
        int tenants = integer(options, "tenants", 1);
        int users = integer(options, "users", 300);
        int groups = integer(options, "groups", 40);
        long seed = Long.parseLong(options.getOrDefault("seed", "42"));
        String clientId = options.getOrDefault("client-id", "00000000-0000-0000-0000-0000000000c1");
        String secret = options.getOrDefault("secret", "demo-secret");
        SimulatorSettings settings = new SimulatorSettings(integer(options, "port", 8443),
                Path.of(options.getOrDefault("keystore-dir", "./data/simulator")), integer(options, "page-size", 200),
                Duration.ofMillis(integer(options, "latency-ms", 0)),
                Duration.ofSeconds(integer(options, "drift-every-s", 0)), false, integer(options, "threads", 8));
        GraphSimulator simulator = GraphSimulator.start(settings);
        long started = System.nanoTime();
        for (int t = 1; t <= tenants; t++) {
            String id = t == 1 ? options.getOrDefault("tenant-id", "00000000-0000-0000-0000-0000000000de") : tenantId(t);
            simulator.register(TenantRegistration.withSecret(id, clientId, secret),
                    DirectoryShape.of(users, groups, seed + t - 1));
        }
        System.out.printf(Locale.ROOT, "Graph simulator at %s: %d tenant(s) of %d users and %d groups, generated in "
                + "%d ms; client id %s; demo keystore (not secret): %s%n", simulator.baseUrl(), tenants, users, groups,
                (System.nanoTime() - started) / 1_000_000, clientId,
                settings.keystoreDirectory().resolve(SimulatorKeystore.FILE_NAME).toAbsolutePath());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }));
        stopped.await();
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : null;
            if (name == null || !OPTIONS.contains(name) || i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown or incomplete option '" + args[i] + "'\n" + USAGE);
            }
            options.put(name, args[++i]);
        }
        return options;
    }

    private static int integer(Map<String, String> options, String name, int fallback) {
        String value = options.get(name);
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " needs a number, was '" + value + "'\n" + USAGE);
        }
    }
}
