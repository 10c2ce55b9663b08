package io.entrasync.auth;

import io.entrasync.problem.InvalidInputException;
import io.entrasync.problem.NotFoundException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.codec.digest.DigestUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/**
 * API keys for automation: {@value #PREFIX} + 43 characters of a 256-bit random value. Only the key's SHA-256 is
 * stored (a random key of that length needs no slow hash); the key itself is answered once, at creation. A key
 * holds roles like a person's token; a key with only {@link Role#INBOUND_MAIL} can post inbound mail and nothing
 * else. Expired or revoked keys are refused like unknown ones.
 */
@Component
public class ApiKeys {

    /** Every key starts with this, so a key is told apart from a token of the issuer without a database look-up. */
    static final String PREFIX = "esk_";

    /** The last-used time is written at most this often per key, not on every call. */
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    @Autowired
    ApiKeys(JdbcTemplate jdbc) {
        this(jdbc, Clock.systemUTC());
    }

    ApiKeys(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A key as listed: never its secret. */
    public record ApiKey(long id, String name, List<String> roles, Instant createdAt, String createdBy,
                         Instant expiresAt, Instant lastUsedAt, Instant revokedAt) {
        Set<Role> heldRoles() {
            return roles.stream().map(Role::ofClaim).flatMap(Optional::stream)
                    .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
        }
    }

    /** A key just created: the only time its secret is answered. */
    public record CreatedKey(long id, String name, List<String> roles, Instant expiresAt, String key) {
    }

    /** Creates a key; {@code roles} are claim names ({@code EntraSync.Reader} …). */
    public CreatedKey create(String name, List<String> roles, Instant expiresAt, Caller createdBy) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("name", "name is required: what the key is for, e.g. \"mail gateway\"");
        }
        if (name.length() > 100) {
            throw new InvalidInputException("name", "name is " + name.length() + " characters long; at most 100");
        }
        if (roles == null || roles.isEmpty()) {
            throw new InvalidInputException("roles", "roles is required: one or more of " + knownRoles());
        }
        Set<Role> held = EnumSet.noneOf(Role.class);
        for (String role : roles) {
            held.add(Role.ofClaim(role).orElseThrow(() -> new InvalidInputException("roles",
                    "unknown role '" + role + "'; known: " + knownRoles())));
        }
        if (expiresAt != null && !expiresAt.isAfter(clock.instant())) {
            throw new InvalidInputException("expiresAt", "expiresAt " + expiresAt + " is not in the future");
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String key = PREFIX + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        List<String> claims = held.stream().map(Role::claim).toList();
        GeneratedKeyHolder generated = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            var statement = connection.prepareStatement("insert into api_key (name, roles, key_hash, created_at, "
                    + "created_by, expires_at) values (?, ?, ?, ?, ?, ?)", new String[] {"id"});
            statement.setString(1, name.strip());
            statement.setString(2, String.join(",", claims));
            statement.setString(3, hash(key));
            statement.setObject(4, utc(clock.instant()));
            statement.setString(5, describe(createdBy));
            statement.setObject(6, expiresAt == null ? null : utc(expiresAt));
            return statement;
        }, generated);
        long id = generated.getKey().longValue();
        return new CreatedKey(id, name.strip(), claims, expiresAt, key);
    }

    public List<ApiKey> list() {
        return jdbc.query("select * from api_key order by id", ApiKeys::row);
    }

    /** Revokes a key: it is refused from now on and stays listed (revoked) for the record. */
    public ApiKey revoke(long id) {
        find(id).orElseThrow(() -> new NotFoundException("id", "API key " + id + " does not exist"));
        jdbc.update("update api_key set revoked_at = ? where id = ? and revoked_at is null", utc(clock.instant()), id);
        return find(id).orElseThrow();
    }

    Optional<ApiKey> find(long id) {
        return jdbc.query("select * from api_key where id = ?", ApiKeys::row, id).stream().findFirst();
    }

    /** The key of a presented secret, if it is known, not revoked and not expired; marks it used. */
    Optional<ApiKey> authenticate(String presented) {
        if (presented == null || !presented.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<ApiKey> key = jdbc.query("select * from api_key where key_hash = ?", ApiKeys::row, hash(presented))
                .stream().findFirst()
                .filter(k -> k.revokedAt() == null)
                .filter(k -> k.expiresAt() == null || k.expiresAt().isAfter(now));
        key.filter(k -> k.lastUsedAt() == null || k.lastUsedAt().plus(TOUCH_INTERVAL).isBefore(now))
                .ifPresent(k -> jdbc.update("update api_key set last_used_at = ? where id = ?", utc(now),
                        k.id()));
        return key;
    }

    static Caller caller(ApiKey key) {
        return new Caller(Caller.Kind.KEY, String.valueOf(key.id()), key.name());
    }

    static String hash(String key) {
        return DigestUtils.sha256Hex(key);
    }

    private static String describe(Caller caller) {
        String text = caller.kind().wire() + ":" + caller.id() + " (" + caller.name() + ")";
        return text.length() > 300 ? text.substring(0, 300) : text;
    }

    private static String knownRoles() {
        return Arrays.stream(Role.values()).map(Role::claim).collect(Collectors.joining(", "));
    }

    private static ApiKey row(ResultSet rs, int n) throws SQLException {
        return new ApiKey(rs.getLong("id"), rs.getString("name"), List.of(rs.getString("roles").split(",")),
                instant(rs, "created_at"), rs.getString("created_by"), instant(rs, "expires_at"),
                instant(rs, "last_used_at"), instant(rs, "revoked_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
