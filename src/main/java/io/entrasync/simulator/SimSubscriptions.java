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
import java.util.LinkedHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's change-notification subscriptions, as Graph keeps them for {@code users} and {@code groups}
 * (Microsoft's "Receive change notifications through webhooks" and "Reduce missing subscriptions and change
 * notifications" pages): creating one first runs the validation handshake against its notification URL (and
 * lifecycle URL); a change of the tenant queues one notification per changed object, and the delivery thread POSTs
 * whatever is queued for a URL as one batch, so one POST mixes items of several subscriptions (users and groups, of
 * several tenants) as Graph's does. An answer later than {@link #ANSWER_BUDGET} or other than 2xx is retried after
 * {@link #RETRY_DELAYS} and then dropped (Graph retries for up to 4 hours; the simulator compresses that). For users
 * and groups the only lifecycle event is {@code reauthorizationRequired}; a subscription Graph drops goes silently
 * ({@link #removeSilently}). Notifications can be dropped on demand, to prove the scheduled delta catches up. Unlike
 * Graph it accepts http URLs (tests and the demo run without public TLS).
 */
final class SimSubscriptions implements AutoCloseable {

    /** One subscription; {@code clientState} is empty when none was given. */
    record Sub(String id, String tenantId, String resource, String changeType, String notificationUrl,
               String lifecycleUrl, String clientState, Instant expiresAt) {

        Sub withExpiry(Instant expiry) {
            return new Sub(id, tenantId, resource, changeType, notificationUrl, lifecycleUrl, clientState, expiry);
        }

        Sub withNotificationUrl(String url) {
            return new Sub(id, tenantId, resource, changeType, url, lifecycleUrl, clientState, expiresAt);
        }
    }

    /** Graph's window for an answer before it counts the delivery as failed (and the endpoint as slow). */
    static final Duration ANSWER_BUDGET = Duration.ofSeconds(3);
    /** Waits before each retry of a failed delivery; after the last one the batch is dropped. */
    static final List<Duration> RETRY_DELAYS = List.of(Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(2));
    /** Items per POST at most (Graph batches, with no documented bound; a bound keeps bodies small). */
    static final int MAX_BATCH = 100;
    /** How long queued notifications wait for more before they are sent together. */
    static final Duration GATHER = Duration.ofMillis(50);

    private static final Logger log = LoggerFactory.getLogger(SimSubscriptions.class);
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, Sub> subscriptions = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "graph-simulator-notifications");
        thread.setDaemon(true);
        return thread;
    });
    /** Items waiting for delivery, by notification URL, in arrival order. */
    private final Map<String, List<String>> queued = new LinkedHashMap<>();
    private final java.util.concurrent.atomic.AtomicBoolean flushPending = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean dropping;
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();
    private final AtomicInteger undelivered = new AtomicInteger();
    private final AtomicInteger batches = new AtomicInteger();
    private final AtomicInteger mixedBatches = new AtomicInteger();
    private final AtomicInteger renewals = new AtomicInteger();
    private final AtomicInteger lookups = new AtomicInteger();

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
        renewals.incrementAndGet();
        return renewed;
    }

    /** Moves the subscription to a new notification URL after that URL passed the handshake; null when it failed. */
    Sub moveTo(Sub sub, String notificationUrl) {
        if (!handshake(notificationUrl)) {
            return null;
        }
        Sub moved = sub.withNotificationUrl(notificationUrl);
        subscriptions.put(sub.id(), moved);
        return moved;
    }

    void delete(String id) {
        subscriptions.remove(id);
    }

    /** Graph drops the subscription without telling (for users and groups it sends no subscriptionRemoved). */
    boolean removeSilently(String id) {
        return subscriptions.remove(id) != null;
    }

    List<Sub> ofTenant(String tenantId) {
        return subscriptions.values().stream().filter(s -> s.tenantId().equals(tenantId)).toList();
    }

    /** Queues a notification per changed object for every subscription of the tenant's {@code resource}. */
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
                        + ",\"id\":" + quote(id) + ",\"organizationId\":" + quote(tenantId) + "}"
                        + clientState(sub) + ",\"tenantId\":" + quote(tenantId) + "}");
            }
            synchronized (queued) {
                queued.computeIfAbsent(sub.notificationUrl(), u -> new ArrayList<>()).addAll(items);
            }
        }
        if (flushPending.compareAndSet(false, true)) {
            // a short gathering window, as Graph batches: a change of users and groups (or of several tenants)
            // made together arrives in one POST
            sender.schedule(this::flush, GATHER.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Sends a lifecycle event; for users and groups Graph sends only {@code reauthorizationRequired}. */
    void lifecycle(String subscriptionId, String event) {
        Sub sub = subscriptions.get(subscriptionId);
        if (sub == null || sub.lifecycleUrl() == null) {
            throw new IllegalArgumentException("no subscription " + subscriptionId + " with a lifecycle URL");
        }
        if (!"reauthorizationRequired".equals(event)) {
            throw new IllegalArgumentException("Graph sends only reauthorizationRequired for " + sub.resource()
                    + " subscriptions, not " + event);
        }
        String body = "{\"value\":[{\"subscriptionId\":" + quote(sub.id()) + ",\"subscriptionExpirationDateTime\":"
                + quote(sub.expiresAt().toString()) + ",\"tenantId\":" + quote(sub.tenantId()) + clientState(sub)
                + ",\"lifecycleEvent\":" + quote(event) + "}]}";
        sender.execute(() -> deliver(sub.lifecycleUrl(), body, 1, 0));
    }

    /** {@code ,"clientState":"…"} when the subscription has one; nothing when not (Graph sends no null). */
    private static String clientState(Sub sub) {
        return sub.clientState().isEmpty() ? "" : ",\"clientState\":" + quote(sub.clientState());
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

    /** Notifications given up on after the retries. */
    int undelivered() {
        return undelivered.get();
    }

    /** POSTs of change notifications made (first attempts), and those that mixed several subscriptions. */
    int batches() {
        return batches.get();
    }

    int mixedBatches() {
        return mixedBatches.get();
    }

    /** {@code GET /subscriptions/{id}} requests answered. */
    int lookups() {
        return lookups.get();
    }

    void lookedUp() {
        lookups.incrementAndGet();
    }

    /** PATCHes of an expiry (renewals and reauthorizations). */
    int renewals() {
        return renewals.get();
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

    /** Sends everything queued, one POST per URL and {@link #MAX_BATCH} items, on the delivery thread. */
    private void flush() {
        Map<String, List<String>> due;
        flushPending.set(false);
        synchronized (queued) {
            due = new LinkedHashMap<>(queued);
            queued.clear();
        }
        due.forEach((url, items) -> {
            for (int from = 0; from < items.size(); from += MAX_BATCH) {
                List<String> batch = items.subList(from, Math.min(items.size(), from + MAX_BATCH));
                batches.incrementAndGet();
                if (batch.stream().map(SimSubscriptions::subscriptionOf).distinct().count() > 1) {
                    mixedBatches.incrementAndGet();
                }
                deliver(url, "{\"value\":[" + String.join(",", batch) + "]}", batch.size(), 0);
            }
        });
    }

    /** One attempt; a late or non-2xx answer is retried after the next delay, and dropped after the last. */
    private void deliver(String url, String body, int count, int attempt) {
        String failure;
        try {
            HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(ANSWER_BUDGET)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.discarding());
            if (answer.statusCode() / 100 == 2) {
                sent.addAndGet(count);
                return;
            }
            failure = "HTTP " + answer.statusCode();
        } catch (java.io.IOException e) {
            failure = e instanceof java.net.http.HttpTimeoutException ? "no answer within " + ANSWER_BUDGET.toMillis()
                    + " ms" : e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (attempt >= RETRY_DELAYS.size()) {
            undelivered.addAndGet(count);
            log.info("simulator: {} notification(s) to {} dropped after {} retries (last: {})", count, url, attempt,
                    failure);
            return;
        }
        log.info("simulator: notification to {} failed ({}); retrying", url, failure);
        try {
            sender.schedule(() -> deliver(url, body, count, attempt + 1), RETRY_DELAYS.get(attempt).toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            undelivered.addAndGet(count);
        }
    }

    private static String subscriptionOf(String item) {
        int start = item.indexOf("\"subscriptionId\":\"") + "\"subscriptionId\":\"".length();
        return item.substring(start, item.indexOf('"', start));
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
