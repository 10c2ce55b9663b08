package io.entrasync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time used so far by this JVM and by its descendant processes (the embedded PostgreSQL and its backends), from
 * {@code /proc} (Linux; zeros elsewhere). On a shared machine wall time depends on the neighbours, CPU time much less.
 */
final class ProcessCpu {

    private static final long TICK_MILLIS = 10;

    private ProcessCpu() {
    }

    /** {@code [this JVM, its descendants]} in milliseconds of CPU (user + system). */
    static long[] millis() {
        long self = ProcessHandle.current().pid();
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
                } catch (IOException | RuntimeException gone) {
                    // the process ended while listing
                }
            }
        } catch (IOException e) {
            return new long[] {0, 0};
        }
        long descendants = 0;
        for (Map.Entry<Long, Long> entry : cpu.entrySet()) {
            long pid = entry.getKey();
            for (Long parent = parents.get(pid); parent != null && parent > 1; parent = parents.get(parent)) {
                if (parent == self) {
                    descendants += entry.getValue();
                    break;
                }
            }
        }
        return new long[] {cpu.getOrDefault(self, 0L), descendants};
    }
}
