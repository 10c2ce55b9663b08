package io.entrasync.sync;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Wall time per step of a run, for the run's summary log line: where a slow run spends its time. */
final class PhaseTimer {

    private final Map<String, Long> nanos = new LinkedHashMap<>();

    <T> T time(String step, Supplier<T> work) {
        long start = System.nanoTime();
        try {
            return work.get();
        } finally {
            nanos.merge(step, System.nanoTime() - start, Long::sum);
        }
    }

    void time(String step, Runnable work) {
        time(step, () -> {
            work.run();
            return null;
        });
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        nanos.forEach((step, ns) -> text.append(text.isEmpty() ? "" : " ").append(step).append('=').append(ns / 1_000_000)
                .append("ms"));
        return text.toString();
    }
}
