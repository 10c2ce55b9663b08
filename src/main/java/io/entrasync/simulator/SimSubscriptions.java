package io.entrasync.simulator;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's change-notification subscriptions, as Graph keeps them: creating one first runs the validation
 * handshake against its notification URL (and lifecycle URL), a change of the tenant POSTs a notification with the
 * subscription's clientState to every subscription of the changed resource, and a lifecycle event can be sent on
 * demand. Notifications can be dropped on demand (as Graph may lose them), to prove the scheduled delta catches up.
 * Unlike Graph it accepts http URLs (tests and the demo run without public TLS).
 */
final class SimSubscriptions implements AutoCloseable {

    /** One subscription. */
    record Sub(String id, String tenantId, String resource, String changeType, String notificationUrl,
               String lifecycleUrl, String clientState, Instant expiresAt) {

        Sub withExpiry(Instant expiry) {
            return new Sub(id, tenantId, resource, changeType, notificationUrl, lifecycleUrl, clientState, expiry);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(SimSubscriptions.class);
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, Sub> subscriptions = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "graph-simulator-notifications");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean dropping;
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();

    /** Creates a subscription after a successful handshake; empty with the reason when the handshake failed. */
    Sub create(String tenantId, String resource, String changeType, String notificationUrl, String lifecycleUrl,
               String clientState, Instant expiresAt) {
        if (!handshake(notificationUrl) || (lifecycleUrl != null && !handshake(lifecycleUrl))) {
            return null;
        }
        Sub sub = new Sub(UUID.randomUUID().toString(), tenantId, resource, changeType, notificationUrl, lifecycleUrl,
                clientState, expiresAt);
        subscriptions.put(sub.id(), sub);
        return sub;
    }

    /** The subscription of that tenant, or null. */
    Sub get(String tenantId, String id) {
        Sub sub = subscriptions.get(id);
        return sub != null && sub.tenantId().equals(tenantId) ? sub : null;
    }

    Sub renew(Sub sub, Instant expiresAt) {
        Sub renewed = sub.withExpiry(expiresAt);
        subscriptions.put(sub.id(), renewed);
        return renewed;
    }

    void delete(String id) {
        subscriptions.remove(id);
    }

    List<Sub> ofTenant(String tenantId) {
        return subscriptions.values().stream().filter(s -> s.tenantId().equals(tenantId)).toList();
    }

    /** Notifies every subscription of the tenant's {@code resource} ("users", "groups") of changed objects. */
    void changed(String tenantId, String resource, List<String> objectIds) {
        if (objectIds.isEmpty()) {
            return;
        }
        for (Sub sub : ofTenant(tenantId)) {
            if (!sub.resource().equalsIgnoreCase(resource) || sub.expiresAt().isBefore(Instant.now())) {
                continue;
            }
            if (dropping) {
                dropped.addAndGet(objectIds.size());
                continue;
            }
            List<String> items = new ArrayList<>();
            for (String id : objectIds) {
                String odataId = capitalized(resource) + "/" + id;
                items.add("{\"subscriptionId\":" + quote(sub.id()) + ",\"subscriptionExpirationDateTime\":"
                        + quote(sub.expiresAt().toString()) + ",\"changeType\":\"updated\",\"resource\":"
                        + quote(odataId) + ",\"resourceData\":{\"@odata.type\":\"#Microsoft.Graph."
                        + (resource.equals("users") ? "User" : "Group") + "\",\"@odata.id\":" + quote(odataId)
                        + ",\"id\":" + quote(id) + ",\"organizationId\":" + quote(tenantId)
                        + "},\"clientState\":" + quote(sub.clientState()) + ",\"tenantId\":"
                        + quote(tenantId) + "}");
            }
            post(sub.notificationUrl(), "{\"value\":[" + String.join(",", items) + "]}", items.size());
        }
    }

    /** Sends a lifecycle event ({@code reauthorizationRequired}, {@code subscriptionRemoved}, {@code missed}). */
    void lifecycle(String subscriptionId, String event) {
        Sub sub = subscriptions.get(subscriptionId);
        if (sub == null || sub.lifecycleUrl() == null) {
            throw new IllegalArgumentException("no subscription " + subscriptionId + " with a lifecycle URL");
        }
        if ("subscriptionRemoved".equals(event)) {
            subscriptions.remove(subscriptionId);
        }
        post(sub.lifecycleUrl(), "{\"value\":[{\"subscriptionId\":" + quote(sub.id())
                + ",\"subscriptionExpirationDateTime\":" + quote(sub.expiresAt().toString()) + ",\"tenantId\":"
                + quote(sub.tenantId()) + ",\"clientState\":" + quote(sub.clientState())
                + ",\"lifecycleEvent\":" + quote(event) + "}]}", 1);
    }

    void dropNotifications(boolean drop) {
        this.dropping = drop;
    }

    int sent() {
        return sent.get();
    }

    int dropped() {
        return dropped.get();
    }

    private boolean handshake(String url) {
        String token = "Validation: Testing client application reachability for subscription Request-Id: "
                + UUID.randomUUID();
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url + (url.contains("?") ? "&"
                            : "?") + "validationToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
                    .timeout(HANDSHAKE_TIMEOUT).header("Content-Type", "text/plain; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            boolean ok = answer.statusCode() == 200 && token.equals(answer.body())
                    && answer.headers().firstValue("Content-Type").orElse("").startsWith("text/plain");
            if (!ok) {
                log.info("simulator: validation of {} failed: HTTP {}", url, answer.statusCode());
            }
            return ok;
        } catch (java.io.IOException | IllegalArgumentException e) {
            log.info("simulator: validation of {} failed: {}", url, e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Delivers on one background thread, in order, like Graph's asynchronous delivery. */
    private void post(String url, String body, int count) {
        sender.execute(() -> {
            try {
                HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
                sent.addAndGet(count);
                if (answer.statusCode() / 100 != 2) {
                    log.info("simulator: notification to {} answered HTTP {}", url, answer.statusCode());
                }
            } catch (java.io.IOException e) {
                log.info("simulator: notification to {} failed: {}", url, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static String capitalized(String resource) {
        return Character.toUpperCase(resource.charAt(0)) + resource.substring(1);
    }

    @Override
    public void close() {
        sender.shutdownNow();
    }
}
