package io.entrasync.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.entrasync.support.Await.awaitThat;
import static io.entrasync.support.FakeDirectory.person;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.entrasync.EntraSyncApplication;
import io.entrasync.graph.TlsTrust;
import io.entrasync.support.ApiClient;
import io.entrasync.support.EmbeddedPostgresInitializer;
import io.entrasync.support.FakeDirectory;
import io.entrasync.support.TestTls;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two replicas against one PostgreSQL and a WireMock Graph, with a public base URL and the renewal job every second:
 * the tenant's users and groups subscriptions are created once (not once per replica) with a random clientState kept
 * only hashed; a subscription near its expiry is renewed exactly once across the cluster; one Graph answers 404 for is
 * created anew; a {@code reauthorizationRequired} lifecycle notification renews at once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SubscriptionClusterTest {

    static final Path MAPPINGS = Path.of("target", "subscription-cluster", "mappings");
    static final JsonMapper JSON = JsonMapper.builder().build();

    static FakeDirectory graph;
    static String database;
    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext second;

    @Configuration(proxyBeanMethods = false)
    static class TrustTheFakeDirectory {
        @Bean
        @Primary
        TlsTrust testTrust() {
            return TestTls.trust();
        }
    }

    @BeforeAll
    static void startTwoReplicas() {
        graph = new FakeDirectory(2);
        graph.user("u1", person("Ann", "Lee", "ann@acme.org", null)).publish();
        graph.wireMock().stubFor(post(urlEqualTo("/v1.0/subscriptions")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withTransformers("response-template")
                .withBody("{\"id\":\"{{randomValue type='UUID'}}\",\"resource\":\"{{jsonPath request.body '$.resource'}}\","
                        + "\"expirationDateTime\":\"{{jsonPath request.body '$.expirationDateTime'}}\"}")));
        // Graph still holds every subscription it is asked about (the pass checks existence each time)
        graph.wireMock().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathMatching(
                "/v1.0/subscriptions/[^/]+")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withTransformers("response-template")
                .withBody("{\"id\":\"{{request.pathSegments.[2]}}\",\"notificationUrl\":"
                        + "\"https://sync.example.org/webhooks/graph\",\"expirationDateTime\":\"2099-01-01T00:00:00Z\"}")));
        graph.wireMock().stubFor(patch(urlPathMatching("/v1.0/subscriptions/[^/]+")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json").withTransformers("response-template")
                .withBody("{\"id\":\"{{request.pathSegments.[2]}}\","
                        + "\"expirationDateTime\":\"{{jsonPath request.body '$.expirationDateTime'}}\"}")));
        graph.writeMapping(MAPPINGS, "acme", "sites:\n  - { default: HQ }\n");
        database = EmbeddedPostgresInitializer.newDatabaseUrl();
        first = start();
        second = start();
    }

    static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(EntraSyncApplication.class, TrustTheFakeDirectory.class).run(
                "--spring.datasource.url=" + database,
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres",
                "--server.port=0",
                "--entra-sync.admin-token=" + ApiClient.TOKEN,
                "--entra-sync.mappings-dir=" + MAPPINGS.toAbsolutePath(),
                "--entra-sync.graph.max-retries=1",
                "--entra-sync.graph.initial-backoff=10ms",
                "--entra-sync.graph.max-retry-wait=50ms",
                "--entra-sync.notifications.public-base-url=https://sync.example.org",
                "--entra-sync.notifications.renew-interval=1s",
                "--spring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval=1000");
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] {first, second}) {
            if (context != null && context.isActive()) {
                context.close();
            }
        }
        graph.stop();
    }

    @Test
    @Order(1)
    void usersAndGroupsSubscriptions_areCreatedOnceForTheCluster_withTheirClientStateKeptHashed() throws Exception {
        awaitThat("two subscriptions", () -> subscriptions().size() == 2);
        Thread.sleep(3000);

        List<LoggedRequest> posts = graph.wireMock().findAll(postRequestedFor(urlEqualTo("/v1.0/subscriptions")));
        assertThat(posts).hasSize(2);
        assertThat(subscriptions()).extracting(Subscription::resource).containsExactly("groups", "users");
        for (LoggedRequest request : posts) {
            JsonNode body = JSON.readTree(request.getBodyAsString());
            String clientState = body.get("clientState").asString();
            assertThat(body.get("changeType").asString()).isEqualTo("updated,deleted");
            String key = first.getBean(WebhookKey.class).value();
            assertThat(second.getBean(WebhookKey.class).value()).as("one key for the cluster").isEqualTo(key);
            assertThat(body.get("notificationUrl").asString())
                    .isEqualTo("https://sync.example.org/webhooks/graph?key=" + key);
            assertThat(body.get("lifecycleNotificationUrl").asString())
                    .isEqualTo("https://sync.example.org/webhooks/graph/lifecycle?key=" + key);
            assertThat(clientState).hasSizeBetween(32, 128);
            Subscription stored = subscriptions().stream()
                    .filter(s -> s.resource().equals(body.get("resource").asString())).findFirst().orElseThrow();
            assertThat(stored.clientStateHash()).isEqualTo(ClientState.hash(clientState)).isNotEqualTo(clientState);
            assertThat(stored.expiresAt()).isAfter(Instant.now().plus(Duration.ofDays(28)));
        }
        JsonNode state = new ApiClient(port(second)).get("/api/tenants").json().get("content").get(0).get("notifications");
        assertThat(state.get("enabled").asBoolean()).isTrue();
        assertThat(state.get("active").asBoolean()).as(state.toString()).isTrue();
        assertThat(Instant.parse(state.get("expiresAt").asString())).isAfter(Instant.now().plus(Duration.ofDays(28)));
        assertThat(state.get("lastValidatedAt").isNull()).isFalse();
        assertThat(state.get("errors")).isEmpty();
    }

    @Test
    @Order(2)
    void subscriptionNearItsExpiry_isRenewedExactlyOnceAcrossTwoReplicas() throws Exception {
        jdbc().update("update notification_subscription set expires_at = ?", java.sql.Timestamp.from(
                Instant.now().plus(Duration.ofHours(1))));

        awaitThat("both renewed", () -> subscriptions().stream().allMatch(
                s -> s.expiresAt().isAfter(Instant.now().plus(Duration.ofDays(28)))));
        Thread.sleep(3000);

        List<LoggedRequest> patches = graph.wireMock().findAll(patchRequestedFor(urlPathMatching("/v1.0/subscriptions/.*")));
        assertThat(patches).as("one renewal per subscription").hasSize(2);
        assertThat(patches).extracting(LoggedRequest::getUrl).containsExactlyInAnyOrderElementsOf(
                subscriptions().stream().map(s -> "/v1.0/subscriptions/" + s.id()).toList());
    }

    @Test
    @Order(3)
    void subscriptionGraphNoLongerKnows_isCreatedAnew() throws Exception {
        Subscription users = subscription("users");
        graph.wireMock().stubFor(patch(urlEqualTo("/v1.0/subscriptions/" + users.id())).atPriority(1)
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json").withBody(
                        "{\"error\":{\"code\":\"ResourceNotFound\",\"message\":\"The object was not found.\"}}")));
        jdbc().update("update notification_subscription set expires_at = ? where subscription_id = ?",
                java.sql.Timestamp.from(Instant.now().plus(Duration.ofHours(1))), users.id());

        awaitThat("a new users subscription", () -> !subscription("users").id().equals(users.id()));

        assertThat(graph.wireMock().findAll(postRequestedFor(urlEqualTo("/v1.0/subscriptions")))).hasSize(3);
        assertThat(subscriptions()).hasSize(2);
        assertThat(subscription("users").lastError()).isNull();
    }

    @Test
    @Order(4)
    void reauthorizationRequired_renewsTheSubscriptionAtOnce() throws Exception {
        Subscription groups = subscription("groups");
        String clientState = clientStateSentFor("groups");
        int patchesBefore = graph.wireMock().findAll(patchRequestedFor(urlEqualTo("/v1.0/subscriptions/"
                + groups.id()))).size();
        String body = WebhookEndToEndTest.fixture("reauthorization-required.json", groups.id(), clientState);

        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + port(second) + "/webhooks/graph/lifecycle?key="
                        + second.getBean(WebhookKey.class).value())).header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(202);
        awaitThat("a renewal of the groups subscription", () -> graph.wireMock().findAll(patchRequestedFor(
                urlEqualTo("/v1.0/subscriptions/" + groups.id()))).size() == patchesBefore + 1);
        assertThat(subscription("groups").lastReceivedAt()).isNotNull();
    }

    // ---- helpers ----

    static String clientStateSentFor(String resource) {
        List<LoggedRequest> posts = graph.wireMock().findAll(postRequestedFor(urlEqualTo("/v1.0/subscriptions")));
        String hash = subscription(resource).clientStateHash();
        return posts.stream().map(r -> JSON.readTree(r.getBodyAsString()).get("clientState").asString())
                .filter(state -> ClientState.hash(state).equals(hash)).findFirst().orElseThrow();
    }

    static Subscription subscription(String resource) {
        return subscriptions().stream().filter(s -> s.resource().equals(resource)).findFirst().orElseThrow();
    }

    static List<Subscription> subscriptions() {
        return first.getBean(Subscriptions.class).all();
    }

    static JdbcTemplate jdbc() {
        return first.getBean(JdbcTemplate.class);
    }

    static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

}
