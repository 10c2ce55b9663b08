package io.entrasync.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;

/**
 * A standalone embedded PostgreSQL for profiling the benchmark: logs every statement slower than the given
 * milliseconds to the given file, prints its JDBC URL (use it as BENCH_DB_URL) and runs until killed.
 */
public final class BenchPostgres {

    private BenchPostgres() {
    }

    public static void main(String[] args) throws Exception {
        String slowMs = args.length > 0 ? args[0] : "20";
        File log = new File(args.length > 1 ? args[1] : "target/bench-postgres.log");
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().setPort(0)
                .setServerConfig("log_min_duration_statement", slowMs)
                .setOutputRedirector(ProcessBuilder.Redirect.to(log))
                .setErrorRedirector(ProcessBuilder.Redirect.to(log))
                .start();
        System.out.println(postgres.getJdbcUrl("postgres", "postgres") + "&reWriteBatchedInserts=true");
        Thread.currentThread().join();
    }
}
