package io.entrasync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time used so far by this JVM and by the embedded PostgreSQL (the postmaster listening on a port, and its
 * backends), from {@code /proc} (Linux; zeros elsewhere). On a shared machine wall time depends on the neighbours, CPU time much less.
 */
final class ProcessCpu {

    private static final long TICK_MILLIS = 10;

    private ProcessCpu() {
    }

    /** {@code [this JVM, the PostgreSQL of port]} in milliseconds of CPU (user + system). */
    static long[] millis(int postgresPort) {
        long self = ProcessHandle.current().pid();
        long postmaster = -1;
        Map<Long, Long> parents = new HashMap<>();
        Map<Long, Long> cpu = new HashMap<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                try {
                    String stat = Files.readString(proc.resolve("stat"));
                    List<String> fields = List.of(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
                    long pid = Long.parseLong(proc.getFileName().toString());
                    parents.put(pid, Long.parseLong(fields.get(1)));
                    cpu.put(pid, (Long.parseLong(fields.get(11)) + Long.parseLong(fields.get(12))) * TICK_MILLIS);
                    if (Files.readString(proc.resolve("cmdline")).contains("\0-p\0" + postgresPort + "\0")) {
                        postmaster = pid;
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended while listing
                }
            }
        } catch (IOException e) {
            return new long[] {0, 0};
        }
        long descendants = cpu.getOrDefault(postmaster, 0L);
        for (Map.Entry<Long, Long> entry : cpu.entrySet()) {
            long pid = entry.getKey();
            for (Long parent = parents.get(pid); parent != null && parent > 1; parent = parents.get(parent)) {
                if (parent == postmaster) {
                    descendants += entry.getValue();
                    break;
                }
            }
        }
        return new long[] {cpu.getOrDefault(self, 0L), descendants};
    }
}
