package io.entrasync.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The write floor: the rows a full sync wrote (mirror users, groups, memberships, accounts, audit rows) written
 * again with COPY into empty copies of their tables. The rows are exported to files first; only the COPY IN is
 * timed by the caller (the export runs before the clock starts is not possible here, so it is measured apart
 * and subtracted).
 */
final class FloorWrite {

    private static final List<String[]> TABLES = List.of(
            new String[]{"mirror_user", "select * from mirror_user"},
            new String[]{"mirror_group", "select * from mirror_group"},
            new String[]{"mirror_membership", "select * from mirror_membership"},
            new String[]{"end_user", "select * from end_user"},
            new String[]{"sync_change", "select * from sync_change where kind = 'CREATE'"});

    private FloorWrite() {
    }

    static Map<String, Object> run(ConfigurableApplicationContext context, int users) throws Exception {
        DataSource dataSource = context.getBean(DataSource.class);
        Map<String, Object> figures = new LinkedHashMap<>();
        Path dir = Files.createTempDirectory("floor-write");
        try (Connection connection = dataSource.getConnection()) {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            long rows = 0;
            for (String[] table : TABLES) {
                try (BufferedWriter out = Files.newBufferedWriter(dir.resolve(table[0]), StandardCharsets.UTF_8)) {
                    rows += copy.copyOut("copy (" + table[1] + ") to stdout", out);
                }
            }
            try (Statement statement = connection.createStatement()) {
                for (String[] table : TABLES) {
                    statement.execute("drop table if exists floor_" + table[0]);
                    statement.execute("create table floor_" + table[0] + " (like " + table[0] + " including all)");
                }
            }
            long start = System.nanoTime();
            for (String[] table : TABLES) {
                try (BufferedReader in = Files.newBufferedReader(dir.resolve(table[0]), StandardCharsets.UTF_8)) {
                    copy.copyIn("copy floor_" + table[0] + " from stdin", in);
                }
            }
            figures.put("copyInMs", (System.nanoTime() - start) / 1_000_000);
            figures.put("rows", rows);
            try (Statement statement = connection.createStatement()) {
                for (String[] table : TABLES) {
                    statement.execute("drop table floor_" + table[0]);
                }
            }
        }
        return figures;
    }
}
