package io.entrasync.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Publishes an {@link AuditEvent} for every mutating API call and every refused one (401, 403, 429), once the
 * answer is known. It sits inside the security filter chain, after the security context is set up, so it sees the
 * caller the chain authenticated and the status the chain or the controller answered; controllers write nothing.
 */
final class AuditRecorder extends OncePerRequestFilter {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final Set<Integer> REFUSALS = Set.of(401, 403, 429);
    private static final int MAX_RAW_PATH = 200;

    private final ApplicationEventPublisher events;
    private final Clock clock;

    AuditRecorder(ApplicationEventPublisher events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !(path.startsWith("/api/") || path.startsWith("/v3/api-docs")
                || (path.startsWith("/actuator") && !path.startsWith("/actuator/health")));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean failed = true;
        try {
            chain.doFilter(request, response);
            failed = false;
        } finally {
            int status = failed && response.getStatus() < 400 ? 500 : response.getStatus();
            if (!READS.contains(request.getMethod()) || REFUSALS.contains(status)) {
                events.publishEvent(event(request, status));
            }
        }
    }

    private AuditEvent event(HttpServletRequest request, int status) {
        String address = request.getRemoteAddr();
        Caller actor = Caller.current().orElseGet(() -> Caller.anonymous(address));
        String path = request.getRequestURI();
        var match = RouteRoles.match(request.getMethod(), path);
        String action;
        String target = null;
        if (match.isPresent()) {
            action = request.getMethod() + " " + match.get().route().pattern();
            Map<String, String> variables = new TreeMap<>(match.get().variables());
            if (!variables.isEmpty()) {
                target = variables.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(", "));
            }
        } else {
            // a path outside the route table (a typo, a probe): its raw path, cut short
            action = request.getMethod() + " " + (path.length() > MAX_RAW_PATH ? path.substring(0, MAX_RAW_PATH) : path);
        }
        // the edits the call committed, collected by EditCollector while it ran
        return new AuditEvent(clock.instant(), actor, action, target, status, address, EditCollector.of(request));
    }
}
