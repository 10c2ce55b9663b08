package io.entrasync.mirror;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Reads {@code mirror_user}: by id, in batches, streamed, and by email key. */
final class UserReader {

    private static final int FETCH_SIZE = 1000;
    private static final String SELECT = "select " + UserRows.COLUMNS + " from mirror_user";

    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;
    private final NamedParameterJdbcTemplate named;

    UserReader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.streaming = new JdbcTemplate(Objects.requireNonNull(jdbc.getDataSource()));
        this.streaming.setFetchSize(FETCH_SIZE);
    }

    Optional<MirrorUser> user(String tenant, String id) {
        return jdbc.query(SELECT + " where tenant = ? and id = ?", UserRows.MAPPER, tenant, id).stream().findFirst();
    }

    List<MirrorUser> users(String tenant, Collection<String> ids) {
        List<MirrorUser> users = new ArrayList<>(ids.size());
        for (List<String> chunk : Chunks.of(new LinkedHashSet<>(ids))) {
            users.addAll(named.query(SELECT + " where tenant = :tenant and id in (:ids)",
                    new MapSqlParameterSource("tenant", tenant).addValue("ids", chunk), UserRows.MAPPER));
        }
        return users;
    }

    List<MirrorUser> usersAfter(String tenant, String afterId, int limit) {
        return jdbc.query(SELECT + " where tenant = ? and id > ? order by id fetch first " + limit + " rows only",
                UserRows.MAPPER, tenant, afterId);
    }

    void forEachUser(String tenant, Consumer<MirrorUser> consumer) {
        streaming.query(SELECT + " where tenant = ? order by id",
                (RowCallbackHandler) rs -> consumer.accept(UserRows.MAPPER.mapRow(rs, 0)), tenant);
    }

    Map<String, List<String>> claimantsByEmail(String tenant, Collection<String> emails) {
        Set<String> keys = new LinkedHashSet<>();
        emails.stream().map(UserRows::normalizeEmail).filter(Objects::nonNull).forEach(keys::add);
        Map<String, List<String>> claimants = new TreeMap<>();
        for (List<String> chunk : Chunks.of(keys)) {
            named.query("select email_key, id from mirror_user where tenant = :tenant and removed = false"
                            + " and email_key in (:keys) order by email_key, id",
                    new MapSqlParameterSource("tenant", tenant).addValue("keys", chunk),
                    rs -> {
                        claimants.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                    });
        }
        return claimants;
    }
}
