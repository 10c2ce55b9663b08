package io.entrasync.bench;

/** Command-line options of the benchmark: {@code --users --groups --page-size --latency-ms}. */
record BenchOptions(int users, int groups, int pageSize, int latencyMs) {

    static BenchOptions parse(String[] args) {
        int users = 100_000;
        int groups = 2_000;
        int pageSize = 200;
        int latencyMs = 300;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--users" -> users = Integer.parseInt(value);
                case "--groups" -> groups = Integer.parseInt(value);
                case "--page-size" -> pageSize = Integer.parseInt(value);
                case "--latency-ms" -> latencyMs = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; use --users N --groups G --page-size P --latency-ms L (0 skips the latency phase)");
            }
            i++;
        }
        return new BenchOptions(users, groups, pageSize, latencyMs);
    }
}
