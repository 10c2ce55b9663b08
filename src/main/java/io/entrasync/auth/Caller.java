package io.entrasync.auth;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who did something: a signed-in person ({@code user}), an API key ({@code key}), the static admin token, the
 * scheduler, or Graph (a change notification). Recorded in the audit trail; later also on runs and approvals.
 *
 * @param kind what kind of actor
 * @param id   a stable id: the token's {@code oid} (or {@code sub}), the key's id, the client address of an
 *             anonymous caller
 * @param name for people to read: the user's name, the key's name
 */
public record Caller(Kind kind, String id, String name) implements java.io.Serializable {

    /** The kinds of actor; written in lower case with hyphens ({@code admin-token}). */
    public enum Kind {
        USER, KEY, ADMIN_TOKEN, SCHEDULE, GRAPH, ANONYMOUS;

        @JsonValue
        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        public static Kind ofWire(String wire) {
            return valueOf(wire.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        }
    }

    public static final Caller ADMIN_TOKEN = new Caller(Kind.ADMIN_TOKEN, "admin-token", "static admin token");
    public static final Caller SCHEDULE = new Caller(Kind.SCHEDULE, "schedule", "schedule");
    public static final Caller GRAPH = new Caller(Kind.GRAPH, "graph", "Graph change notification");

    /** The caller of the current request, if it authenticated. */
    /** Widths of the columns that store an actor (runs, hold decisions, the audit trail). */
    public static final int MAX_ID = 200;
    public static final int MAX_NAME = 300;

    /** This caller with id and name cut to what the actor columns hold (a token's claims have no length limit). */
    public Caller storable() {
        return new Caller(kind, cut(id, MAX_ID), cut(name, MAX_NAME));
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    public static Optional<Caller> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof CallerAuthentication caller) {
            return Optional.of(caller.caller());
        }
        return Optional.empty();
    }

    static Caller anonymous(String clientAddress) {
        return new Caller(Kind.ANONYMOUS, clientAddress, "anonymous");
    }
}
