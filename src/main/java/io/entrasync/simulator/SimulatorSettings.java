package io.entrasync.simulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Server-wide settings of a {@link GraphSimulator}.
 *
 * @param port              loopback port; 0 picks a free one
 * @param keystoreDirectory where the demo TLS keystore is made and kept
 * @param pageSize          items per delta page unless the client sends {@code Prefer: odata.maxpagesize=}
 * @param latency           added to every Graph page (benchmarks); zero for none
 * @param driftEvery        applies {@link ChangePlan#DRIFT} to every tenant this often; zero for never
 * @param driftOnEveryDelta applies {@link ChangePlan#DRIFT} before each delta round ({@code $deltatoken})
 * @param threads           HTTP worker threads
 */
public record SimulatorSettings(int port, Path keystoreDirectory, int pageSize, Duration latency, Duration driftEvery,
        boolean driftOnEveryDelta, int threads) {

    /** Graph's largest page size for directory objects. */
    public static final int MAX_PAGE_SIZE = 999;

    public SimulatorSettings {
        Objects.requireNonNull(keystoreDirectory, "keystoreDirectory");
        latency = latency == null ? Duration.ZERO : latency;
        driftEvery = driftEvery == null ? Duration.ZERO : driftEvery;
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("pageSize must be 1.." + MAX_PAGE_SIZE + ", was " + pageSize);
        }
        if (latency.isNegative() || driftEvery.isNegative()) {
            throw new IllegalArgumentException("latency and driftEvery must not be negative");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
    }

    /** Ephemeral port, page size 200, no latency, no drift; for tests. */
    public static SimulatorSettings ephemeral(Path keystoreDirectory) {
        return new SimulatorSettings(0, keystoreDirectory, 200, Duration.ZERO, Duration.ZERO, false, 4);
    }

    public SimulatorSettings withPageSize(int size) {
        return new SimulatorSettings(port, keystoreDirectory, size, latency, driftEvery, driftOnEveryDelta, threads);
    }
}
