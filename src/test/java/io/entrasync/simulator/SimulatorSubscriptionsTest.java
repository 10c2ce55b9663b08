package io.entrasync.simulator;

import static io.entrasync.support.Await.awaitThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simulator's change notifications as Microsoft documents Graph's delivery to webhooks for users and groups:
 * one POST mixes items of several subscriptions; an answer later than 3 s or other than 2xx is retried, then
 * dropped; only {@code updated,deleted} is accepted and only {@code reauthorizationRequired} is sent as a lifecycle
 * event; no {@code "clientState": null}. Also the directory listings the connection check reads.
 */
class SimulatorSubscriptionsTest {

    private static final String TENANT_ID = "subscriptions-test";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static GraphSimulator simulator;
    private static HttpClient http;
    private static HttpServer receiver;
    private static final List<String> bodies = new CopyOnWriteArrayList<>();
    private static final AtomicInteger posts = new AtomicInteger();
    /** What the receiver answers to notifications: a status, after a pause. */
    private static volatile int answerStatus = 202;
    private static volatile long answerDelayMillis;

    @BeforeAll
    static void start() throws Exception {
        simulator = GraphSimulator.start(SimulatorSettings.ephemeral(SimulatedTenant.KEYSTORE_DIR));
        simulator.register(TenantRegistration.withSecret(TENANT_ID, SimulatedTenant.CLIENT_ID, SimulatedTenant.SECRET),
                DirectoryShape.of(60, 12, 3));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(simulator.trustStore());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        http = HttpClient.newBuilder().sslContext(context).build();
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        receiver.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        receiver.createContext("/hook", exchange -> {
            try (exchange) {
                String query = exchange.getRequestURI().getRawQuery();
                int at = query == null ? -1 : query.indexOf("validationToken=");
                if (at >= 0) {
                    byte[] token = URLDecoder.decode(query.substring(at + "validationToken=".length()),
                            StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "text/plain");
                    exchange.sendResponseHeaders(200, token.length);
                    exchange.getResponseBody().write(token);
                    return;
                }
                bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                posts.incrementAndGet();
                pause(answerDelayMillis);
                exchange.sendResponseHeaders(answerStatus, -1);
            }
        });
        receiver.start();
    }

    @AfterAll
    static void stop() {
        receiver.stop(0);
        simulator.close();
    }

    @BeforeEach
    void reset() throws Exception {
        for (var sub : subscriptions()) {
            send("DELETE", "/v1.0/subscriptions/" + sub.get("id").asString(), null);
        }
        answerStatus = 202;
        answerDelayMillis = 0;
        bodies.clear();
        posts.set(0);
    }

    @Test
    void oneChange_toUsersAndGroups_arrivesAsOneBatchMixingBothSubscriptions() throws Exception {
        String users = create("users", "updated,deleted", "secret-u").get("id").asString();
        String groups = create("groups", "updated,deleted", "secret-g").get("id").asString();

        simulator.apply(TENANT_ID, ChangePlan.none().with(ChangeKind.MOVE, 2), new Random(3));

        awaitThat("a notification", () -> !bodies.isEmpty());
        Thread.sleep(300);
        JsonNode batch = JSON.readTree(bodies.get(0));
        List<String> ids = StreamSupport.stream(batch.get("value").spliterator(), false)
                .map(item -> item.get("subscriptionId").asString()).distinct().toList();
        assertThat(ids).containsExactlyInAnyOrder(users, groups);
        assertThat(bodies).hasSize(1);
        assertThat(simulator.mixedNotificationBatches()).isPositive();
        assertThat(batch.get("value").get(0).get("changeType").asString()).isEqualTo("updated");
    }

    @Test
    void aFailingEndpoint_isRetried_andThenTheBatchIsDropped() throws Exception {
        String id = create("users", "updated,deleted", "secret-u").get("id").asString();
        answerStatus = 503;
        int undeliveredBefore = simulator.notificationsUndelivered();

        simulator.apply(TENANT_ID, ChangePlan.none().with(ChangeKind.EDIT, 1), new Random(4));

        awaitThat("the first attempt and every retry", () -> bodies.stream().filter(b -> b.contains(id)).count()
                == 1 + SimSubscriptions.RETRY_DELAYS.size());
        awaitThat("dropped after the retries", () -> simulator.notificationsUndelivered() > undeliveredBefore);
        Thread.sleep(SimSubscriptions.RETRY_DELAYS.get(SimSubscriptions.RETRY_DELAYS.size() - 1).toMillis() + 500);
        List<String> attempts = bodies.stream().filter(b -> b.contains(id)).toList();
        assertThat(attempts).hasSize(1 + SimSubscriptions.RETRY_DELAYS.size());
        assertThat(attempts).containsOnly(attempts.get(0));
    }

    @Test
    void anAnswerLaterThanThreeSeconds_countsAsFailed_andIsRetried() throws Exception {
        create("users", "updated,deleted", "secret-u");
        answerDelayMillis = 3_400;

        simulator.apply(TENANT_ID, ChangePlan.none().with(ChangeKind.EDIT, 1), new Random(5));

        awaitThat("a retry after the 3 s budget", () -> posts.get() >= 2);
        answerDelayMillis = 0;
        assertThat(SimSubscriptions.ANSWER_BUDGET).hasSeconds(3);
        assertThat(bodies.get(1)).isEqualTo(bodies.get(0));
    }

    @Test
    void createdChangeType_isRefused_likeGraphForUsersAndGroups() throws Exception {
        HttpResponse<String> refused = send("POST", "/v1.0/subscriptions", request("users", "created,updated", null));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("ValidationError", "'created'");
        assertThat(subscriptions()).isEmpty();
    }

    @Test
    void noClientState_isLeftOut_neverRenderedAsNull() throws Exception {
        JsonNode created = create("users", "updated,deleted", null);

        simulator.apply(TENANT_ID, ChangePlan.none().with(ChangeKind.EDIT, 1), new Random(6));
        awaitThat("a notification", () -> !bodies.isEmpty());

        assertThat(created.has("clientState")).isFalse();
        assertThat(bodies.get(0)).doesNotContain("clientState");
        HttpResponse<String> read = send("GET", "/v1.0/subscriptions/" + created.get("id").asString(), null);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).doesNotContain("clientState").contains("\"notificationUrl\":\"" + hook() + "\"");
    }

    @Test
    void lifecycleEvents_forUsersAndGroups_areOnlyReauthorizationRequired() throws Exception {
        String id = create("users", "updated,deleted", "secret-u").get("id").asString();

        assertThatThrownBy(() -> simulator.sendLifecycle(id, "subscriptionRemoved"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only reauthorizationRequired");
        assertThatThrownBy(() -> simulator.sendLifecycle(id, "missed"))
                .isInstanceOf(IllegalArgumentException.class);
        simulator.sendLifecycle(id, "reauthorizationRequired");

        awaitThat("the lifecycle notification", () -> !bodies.isEmpty());
        assertThat(bodies.get(0)).contains("\"lifecycleEvent\":\"reauthorizationRequired\"", "\"clientState\":\"secret-u\"");
    }

    @Test
    void patch_movesTheNotificationUrl_afterValidatingIt() throws Exception {
        String id = create("users", "updated,deleted", "secret-u").get("id").asString();

        HttpResponse<String> moved = send("PATCH", "/v1.0/subscriptions/" + id,
                "{\"notificationUrl\":\"" + hook() + "?moved=1\"}");
        HttpResponse<String> refused = send("PATCH", "/v1.0/subscriptions/" + id,
                "{\"notificationUrl\":\"http://127.0.0.1:1/nothing\"}");

        assertThat(moved.statusCode()).isEqualTo(200);
        assertThat(simulator.notificationUrls(TENANT_ID)).containsEntry("users", hook() + "?moved=1");
        assertThat(refused.statusCode()).isEqualTo(400);
    }

    @Test
    void usersAndGroups_areListed_andGroupsFoundByDisplayName() throws Exception {
        TenantDirectory directory = simulator.directory(TENANT_ID);
        String name = directory.groups.get(2).name;

        HttpResponse<String> users = send("GET", "/v1.0/users?%24top=1&%24select=id", null);
        HttpResponse<String> groups = send("GET", "/v1.0/groups?%24top=1&%24select=id", null);
        HttpResponse<String> byName = send("GET", "/v1.0/groups?%24filter=" + encode("displayName eq '" + name + "'")
                + "&%24select=id,displayName", null);
        HttpResponse<String> byId = send("GET", "/v1.0/groups?%24filter=" + encode("id eq '" + directory.groupId(2)
                + "'"), null);
        HttpResponse<String> none = send("GET", "/v1.0/groups?%24filter=" + encode("displayName eq 'No Such Group'"),
                null);
        HttpResponse<String> unsupported = send("GET", "/v1.0/groups?%24filter=" + encode("endswith(displayName,'A')"),
                null);

        assertThat(users.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(users.body()).get("value")).hasSize(1);
        assertThat(JSON.readTree(groups.body()).get("value")).hasSize(1);
        assertThat(JSON.readTree(byName.body()).get("value").get(0).get("id").asString()).isEqualTo(directory.groupId(2));
        assertThat(JSON.readTree(byId.body()).get("value").get(0).get("displayName").asString()).isEqualTo(name);
        assertThat(JSON.readTree(none.body()).get("value")).isEmpty();
        assertThat(unsupported.statusCode()).isEqualTo(400);
    }

    // ---- helpers ----

    private static String hook() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    private static JsonNode create(String resource, String changeType, String clientState) throws Exception {
        HttpResponse<String> created = send("POST", "/v1.0/subscriptions", request(resource, changeType, clientState));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body());
    }

    private static String request(String resource, String changeType, String clientState) {
        return "{\"resource\":\"" + resource + "\",\"changeType\":\"" + changeType + "\",\"notificationUrl\":\""
                + hook() + "\",\"lifecycleNotificationUrl\":\"" + hook() + "\",\"expirationDateTime\":\""
                + Instant.now().plusSeconds(86_400) + "\"" + (clientState == null ? "" : ",\"clientState\":\""
                + clientState + "\"") + "}";
    }

    private static List<JsonNode> subscriptions() throws Exception {
        JsonNode list = JSON.readTree(send("GET", "/v1.0/subscriptions", null).body());
        return StreamSupport.stream(list.get("value").spliterator(), false).toList();
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path))
                .header("Authorization", "Bearer " + accessToken()).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String accessToken() throws Exception {
        String form = "client_id=" + SimulatedTenant.CLIENT_ID + "&client_secret=" + SimulatedTenant.SECRET
                + "&scope=https%3A%2F%2Fgraph.example%2F.default&grant_type=client_credentials";
        String body = http.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/" + TENANT_ID
                        + "/oauth2/v2.0/token")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString()).body();
        int at = body.indexOf("\"access_token\":\"") + "\"access_token\":\"".length();
        return body.substring(at, body.indexOf('"', at));
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void pause(long millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }


}
