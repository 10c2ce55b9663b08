package io.entrasync.bench;

/** Command-line options of the benchmark: {@code --users --groups --page-size --latency-ms --runs --tenants}. */
record BenchOptions(int users, int groups, int pageSize, int latencyMs, int tenants, int runs) {

    static BenchOptions parse(String[] args) {
        int users = 100_000;
        int groups = 2_000;
        int pageSize = 200;
        int latencyMs = 300;
        int tenants = 1;
        int runs = 1;
        boolean usersGiven = false;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--users" -> {
                    users = Integer.parseInt(value);
                    usersGiven = true;
                }
                case "--tenants" -> tenants = Integer.parseInt(value);
                case "--runs" -> runs = Integer.parseInt(value);
                case "--groups" -> groups = Integer.parseInt(value);
                case "--page-size" -> pageSize = Integer.parseInt(value);
                case "--latency-ms" -> latencyMs = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; use --users N --groups G --page-size P --latency-ms L (0 skips the latency phase) --runs R (medians of R rounds), or --tenants T"
                        + " --users N for the MSP-scale rounds");
            }
            i++;
        }
        if (tenants > 1 && !usersGiven) {
            users = 200;
        }
        if (runs < 1) {
            throw new IllegalArgumentException("--runs must be at least 1");
        }
        return new BenchOptions(users, groups, pageSize, latencyMs, tenants, runs);
    }
}
