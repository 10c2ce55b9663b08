package io.entrasync.graph;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.entrasync.graph.GraphTestServer.SECRET;
import static io.entrasync.graph.GraphTestServer.SECRET_ENV;
import static io.entrasync.graph.GraphTestServer.TOKEN_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.entrasync.source.DeltaOutcome;
import io.entrasync.source.DirectorySourceException;
import io.entrasync.source.DirectoryUser;
import io.entrasync.source.GroupPage;
import io.entrasync.source.MemberChange;
import io.entrasync.source.MemberChange.MemberType;
import io.entrasync.source.RemovedObject;
import io.entrasync.source.RemovedObject.Reason;
import io.entrasync.source.TenantConnection;
import io.entrasync.source.UserPage;
import io.entrasync.support.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Graph adapter against WireMock over https, with the real MSAL4J and Graph SDK clients. */
class GraphDirectorySourceTest {

    static final String USERS_DELTA = "/v1.0/users/delta";
    static final String GROUPS_DELTA = "/v1.0/groups/delta";
    static final GraphProperties FAST = new GraphProperties(3, Duration.ofSeconds(2), Duration.ofMillis(10),
            Duration.ofSeconds(5), Duration.ofSeconds(5), 100, Duration.ofSeconds(3));

    @RegisterExtension
    static final GraphTestServer server = new GraphTestServer();
    WireMockServer wireMock;
    GraphDirectorySource source;
    TenantConnection tenant;

    @BeforeEach
    void setUp() {
        wireMock = server.wireMock();
        wireMock.resetAll();
        server.stubToken("token.json");
        source = newSource(FAST);
        tenant = server.tenant();
    }

    static GraphDirectorySource newSource(GraphProperties properties) {
        return new GraphDirectorySource(properties, GraphTestServer.trust(), Map.of(SECRET_ENV, SECRET)::get,
                Clock.systemUTC());
    }

    static MappingBuilder firstUsersPage() {
        return get(urlPathEqualTo(USERS_DELTA)).withQueryParam("$skiptoken", absent())
                .withQueryParam("$deltatoken", absent());
    }

    static MappingBuilder secondUsersPage() {
        return get(urlPathEqualTo(USERS_DELTA)).withQueryParam("$skiptoken", matching(".+"));
    }

    void stubTwoUserPages() {
        wireMock.stubFor(firstUsersPage().withQueryParam("$select", equalTo(GraphDirectorySource.USER_SELECT))
                .willReturn(server.json(200, "users-delta-page1.json")));
        wireMock.stubFor(secondUsersPage().willReturn(server.json(200, "users-delta-page2.json")));
    }

    List<UserPage> pages = new ArrayList<>();

    /** A users deltaLink as this release stores it (with the fingerprint of its $select list). */
    static String stored(String usersDeltaLink) {
        return new SelectFingerprint(GraphDirectorySource.USER_SELECT).tag(usersDeltaLink);
    }

    DeltaOutcome readUsers(String deltaLink) {
        return source.readUsers(tenant, deltaLink, false, pages::add);
    }

    @Nested
    class UsersDelta {

        @Test
        void fromScratch_followsEveryNextLinkUntilTheDeltaLink() {
            stubTwoUserPages();

            DeltaOutcome outcome = readUsers(null);

            assertThat(outcome).isInstanceOf(DeltaOutcome.Completed.class);
            DeltaOutcome.Completed completed = (DeltaOutcome.Completed) outcome;
            assertThat(completed.deltaLink()).isEqualTo(stored(server.base() + USERS_DELTA
                    + "?$deltatoken=oEcOySpF_hWYmTIUZBOIfPzcwisr_rPe8o9M54L45qEXQGmvQC6T2dbL-9O7nSU-njKhFiGlAZqewNAThmCVnNxqPu5gOBegrm1CaVZ-ZtFZ2tPOAO98OD9y0ao460"));
            assertThat(completed.stats()).isEqualTo(new DeltaOutcome.ReadStats(2, 0, 0));
            assertThat(pages).hasSize(2);
            assertThat(pages.get(0).users()).extracting(DirectoryUser::id)
                    .containsExactly("87d349ed-44d7-43e1-9a83-5f2406dee5bd", "2ed03dfd-01d8-4005-a9ef-fa8ee546dc6c");
            assertThat(pages.get(1).users()).extracting(DirectoryUser::id)
                    .containsExactly("5bde3e51-d13b-4db1-9948-fe4b109d11a7");
            wireMock.verify(getRequestedFor(urlPathEqualTo(USERS_DELTA))
                    .withHeader("Authorization", matching("Bearer eyJ.+")));
            wireMock.verify(0, getRequestedFor(urlPathMatching(".*delta\\(\\).*")));
        }

        @Test
        void mapsEveryAttributeOfAUser() {
            stubTwoUserPages();

            readUsers(null);

            DirectoryUser adele = pages.get(0).users().get(0);
            assertThat(adele).isEqualTo(new DirectoryUser("87d349ed-44d7-43e1-9a83-5f2406dee5bd", "Adele Vance",
                    "Adele", "Vance", "AdeleV@contoso.com", "AdeleV@contoso.com", List.of("adele.vance@example.org"),
                    List.of("+49 30 1234567"), "+49 170 1234567", "Retail", "Retail Manager", "Contoso Berlin",
                    "18/2111", true, "Member"));
            DirectoryUser guest = pages.get(0).users().get(1);
            assertThat(guest.accountEnabled()).isFalse();
            assertThat(guest.givenName()).isNull();
            assertThat(guest.isGuest()).isTrue();
            DirectoryUser partial = pages.get(1).users().get(0);
            assertThat(partial.accountEnabled()).isNull();
            assertThat(partial.businessPhones()).isEmpty();
        }

        @Test
        void removedItems_becomeRemovedObjectsWithTheirReason() {
            stubTwoUserPages();

            readUsers(null);

            assertThat(pages.get(0).removed()).isEmpty();
            assertThat(pages.get(1).removed()).containsExactly(
                    new RemovedObject("c6b56b5d-8a0f-4b0e-8f6e-2a4b3a2a9e11", Reason.SOFT_DELETED),
                    new RemovedObject("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", Reason.DELETED));
        }

        @Test
        void pagesAreHandedOverOneAtATime_beforeTheNextIsRequested() {
            stubTwoUserPages();
            List<Integer> requestsSeenPerPage = new ArrayList<>();

            source.readUsers(tenant, null, false,
                    page -> requestsSeenPerPage.add(wireMock.findAll(getRequestedFor(urlPathEqualTo(USERS_DELTA))).size()));

            assertThat(requestsSeenPerPage).containsExactly(1, 2);
        }

        @Test
        void resumesFromAGivenDeltaLink() {
            wireMock.stubFor(get(urlPathEqualTo(USERS_DELTA)).withQueryParam("$deltatoken", equalTo("saved"))
                    .willReturn(server.json(200, "users-delta-page2.json")));

            DeltaOutcome outcome = readUsers(stored(server.base() + USERS_DELTA + "?$deltatoken=saved"));

            assertThat(outcome).isInstanceOf(DeltaOutcome.Completed.class);
            assertThat(pages).hasSize(1);
            wireMock.verify(1, getRequestedFor(urlPathEqualTo(USERS_DELTA)));
        }

        @Test
        void storedLinkOfAnotherSelectList_readsFromScratch_withoutAskingGraph() {
            String madeWithFewerProperties = new SelectFingerprint("id,displayName").tag(server.base() + USERS_DELTA
                    + "?$deltatoken=saved");

            DeltaOutcome outcome = readUsers(madeWithFewerProperties);

            assertThat(outcome).isEqualTo(new DeltaOutcome.ResyncRequired("selectChanged", DeltaOutcome.ReadStats.NONE));
            wireMock.verify(0, getRequestedFor(urlPathEqualTo(USERS_DELTA)));
        }

        @Test
        void linkStoredBeforeSelectFingerprints_readsFromScratch() {
            DeltaOutcome outcome = readUsers(server.base() + USERS_DELTA + "?$deltatoken=saved");

            assertThat(outcome).isEqualTo(new DeltaOutcome.ResyncRequired("selectChanged", DeltaOutcome.ReadStats.NONE));
        }

        @Test
        void storedLink_isResumedAsGraphHandedItOut() {
            wireMock.stubFor(get(urlPathEqualTo(USERS_DELTA)).withQueryParam("$deltatoken", equalTo("saved"))
                    .willReturn(server.json(200, "users-delta-page2.json")));

            DeltaOutcome outcome = readUsers(stored(server.base() + USERS_DELTA + "?$deltatoken=saved"));

            assertThat(((DeltaOutcome.Completed) outcome).deltaLink()).endsWith("#select="
                    + new SelectFingerprint(GraphDirectorySource.USER_SELECT));
            assertThat(wireMock.findAll(getRequestedFor(urlPathEqualTo(USERS_DELTA))))
                    .singleElement().satisfies(r -> assertThat(r.getUrl()).endsWith("?$deltatoken=saved"));
        }

        @Test
        void deltaLinkIsNotReturnedWhenTheConsumerAborts() {
            stubTwoUserPages();

            assertThatThrownBy(() -> source.readUsers(tenant, null, false, page -> {
                throw new IllegalStateException("mirror failed");
            })).isInstanceOf(IllegalStateException.class).hasMessage("mirror failed");

            wireMock.verify(1, getRequestedFor(urlPathEqualTo(USERS_DELTA)));
        }

        @Test
        void goneWithLocation_isResyncRequired_notAFailure() {
            wireMock.stubFor(get(urlPathEqualTo(USERS_DELTA)).willReturn(server.json(410, "error-sync-state-not-found.json")
                    .withHeader("Location", server.base() + USERS_DELTA + "?$deltatoken=fresh")));

            DeltaOutcome outcome = readUsers(stored(server.base() + USERS_DELTA + "?$deltatoken=expired"));

            assertThat(outcome).isEqualTo(new DeltaOutcome.ResyncRequired("syncStateNotFound",
                    new DeltaOutcome.ReadStats(0, 0, 0)));
            assertThat(pages).isEmpty();
        }

        /**
         * Graph's "Duration of change tracking tokens for identity and education resources" (delta links of users and
         * groups last 7 days): an expired one gets "a BadRequest response with the error code syncStateNotFound".
         */
        @Test
        void expiredDeltaToken_badRequestSyncStateNotFound_isResyncRequired() {
            wireMock.stubFor(get(urlPathEqualTo(USERS_DELTA)).willReturn(server.json(400, "error-sync-state-expired.json")));

            DeltaOutcome outcome = readUsers(stored(server.base() + USERS_DELTA + "?$deltatoken=eightDaysOld"));

            assertThat(outcome).isEqualTo(new DeltaOutcome.ResyncRequired("syncStateNotFound",
                    new DeltaOutcome.ReadStats(0, 0, 0)));
            wireMock.verify(1, getRequestedFor(urlPathEqualTo(USERS_DELTA)));
        }

        @Test
        void resyncCodeInAnotherCase_isResyncRequired() {
            wireMock.stubFor(get(urlPathEqualTo(USERS_DELTA)).willReturn(aResponse().withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"error\":{\"code\":\"SyncStateNotFound\",\"message\":\"The sync state root folder is not found.\"}}")));

            DeltaOutcome outcome = readUsers(stored(server.base() + USERS_DELTA + "?$deltatoken=old"));

            assertThat(outcome).isInstanceOf(DeltaOutcome.ResyncRequired.class);
        }

        @Test
        void resyncRequiredCode_isResyncRequired() {
            wireMock.stubFor(get(urlPathEqualTo(USERS_DELTA)).willReturn(server.json(400, "error-resync-required.json")));

            DeltaOutcome outcome = readUsers(stored(server.base() + USERS_DELTA + "?$deltatoken=stale"));

            assertThat(outcome).isInstanceOf(DeltaOutcome.ResyncRequired.class);
            assertThat(((DeltaOutcome.ResyncRequired) outcome).graphCode()).isEqualTo("resyncRequired");
        }

        @Test
        void gone_afterTheFirstPage_keepsTheCountOfPagesRead() {
            wireMock.stubFor(firstUsersPage().willReturn(server.json(200, "users-delta-page1.json")));
            wireMock.stubFor(secondUsersPage().willReturn(server.json(410, "error-sync-state-not-found.json")));

            DeltaOutcome outcome = readUsers(null);

            assertThat(outcome).isEqualTo(new DeltaOutcome.ResyncRequired("syncStateNotFound",
                    new DeltaOutcome.ReadStats(1, 0, 0)));
        }

        @Test
        void priorityLow_sendsTheThrottlePriorityHeader() {
            stubTwoUserPages();

            source.readUsers(tenant, null, true, pages::add);

            wireMock.verify(2, getRequestedFor(urlPathEqualTo(USERS_DELTA)).withHeader("x-ms-throttle-priority", equalTo("Low")));
        }

        @Test
        void normalPriority_sendsNoThrottlePriorityHeader() {
            stubTwoUserPages();

            readUsers(null);

            wireMock.verify(2, getRequestedFor(urlPathEqualTo(USERS_DELTA)).withoutHeader("x-ms-throttle-priority"));
        }

        @Test
        void malformedJson_failsWithoutRetrying() {
            wireMock.stubFor(firstUsersPage().willReturn(server.json(200, "malformed.json")));

            assertThatThrownBy(() -> readUsers(null))
                    .isInstanceOfSatisfying(DirectorySourceException.class, e -> {
                        assertThat(e.tenantKey()).isEqualTo("contoso");
                        assertThat(e.errorCode()).isEqualTo("malformed_response");
                        assertThat(e.getMessage()).contains("contoso", USERS_DELTA).doesNotContain("$select");
                    });
            wireMock.verify(1, getRequestedFor(urlPathEqualTo(USERS_DELTA)));
            assertThat(pages).isEmpty();
        }

        @Test
        void forbidden_failsWithGraphsErrorCode() {
            wireMock.stubFor(firstUsersPage().willReturn(server.json(403, "error-forbidden.json")));

            assertThatThrownBy(() -> readUsers(null))
                    .isInstanceOfSatisfying(DirectorySourceException.class, e -> {
                        assertThat(e.status()).isEqualTo(403);
                        assertThat(e.errorCode()).isEqualTo("Authorization_RequestDenied");
                        assertThat(e.getMessage()).contains("contoso", USERS_DELTA, "403", "Authorization_RequestDenied");
                    });
            wireMock.verify(1, getRequestedFor(urlPathEqualTo(USERS_DELTA)));
        }
    }

    @Nested
    class GroupsDelta {

        @Test
        void membersSplitAcrossPages_becomeMemberChanges() {
            wireMock.stubFor(get(urlPathEqualTo(GROUPS_DELTA)).withQueryParam("$skiptoken", absent())
                    .withQueryParam("$select", equalTo("id,displayName,description,members"))
                    .willReturn(server.json(200, "groups-delta-page1.json")));
            wireMock.stubFor(get(urlPathEqualTo(GROUPS_DELTA)).withQueryParam("$skiptoken", matching(".+"))
                    .willReturn(server.json(200, "groups-delta-page2.json")));
            List<GroupPage> groupPages = new ArrayList<>();

            DeltaOutcome outcome = source.readGroups(tenant, null, false, groupPages::add);

            assertThat(outcome).isInstanceOf(DeltaOutcome.Completed.class);
            assertThat(((DeltaOutcome.Completed) outcome).deltaLink()).contains("/v1.0/groups/delta?$deltatoken=");
            assertThat(groupPages).hasSize(2);
            String berlin = "aa7fba1c-0d44-4b0a-a4b0-4f4c1d8e6c01";
            assertThat(groupPages.get(0).groups()).singleElement().satisfies(g -> {
                assertThat(g.id()).isEqualTo(berlin);
                assertThat(g.displayName()).isEqualTo("Contoso Berlin");
                assertThat(g.description()).isEqualTo("Everyone in the Berlin office");
            });
            assertThat(groupPages.get(0).memberChanges()).containsExactly(
                    new MemberChange(berlin, "87d349ed-44d7-43e1-9a83-5f2406dee5bd", MemberType.USER, false),
                    new MemberChange(berlin, "bb8fcb2d-1e55-4c1b-b5c1-5a5d2e9f7d02", MemberType.GROUP, false));
            assertThat(groupPages.get(1).memberChanges()).containsExactly(
                    new MemberChange(berlin, "2ed03dfd-01d8-4005-a9ef-fa8ee546dc6c", MemberType.USER, false),
                    new MemberChange(berlin, "5bde3e51-d13b-4db1-9948-fe4b109d11a7", MemberType.USER, true));
            assertThat(groupPages.get(1).groups()).extracting(g -> g.id()).containsExactly(berlin);
            assertThat(groupPages.get(1).removed()).containsExactly(
                    new RemovedObject("cc9fdc3e-2f66-4d2c-c6d2-6b6e3f0a8e03", Reason.DELETED));
        }

        @Test
        void expiredGroupsDelta_isResyncRequired() {
            wireMock.stubFor(get(urlPathEqualTo(GROUPS_DELTA)).willReturn(server.json(410, "error-sync-state-not-found.json")));

            DeltaOutcome outcome = source.readGroups(tenant, new SelectFingerprint(GraphDirectorySource.GROUP_SELECT)
                    .tag(server.base() + GROUPS_DELTA + "?$deltatoken=old"), false,
                    page -> { });

            assertThat(outcome).isInstanceOf(DeltaOutcome.ResyncRequired.class);
        }
    }

    @Nested
    class ThrottlingAndFaults {

        void stubFirstPageFailingOnceWith(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder failure) {
            wireMock.stubFor(firstUsersPage().inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(failure).willSetStateTo("recovered"));
            wireMock.stubFor(firstUsersPage().inScenario("flaky").whenScenarioStateIs("recovered")
                    .willReturn(server.json(200, "users-delta-page1.json")));
            wireMock.stubFor(secondUsersPage().willReturn(server.json(200, "users-delta-page2.json")));
        }

        @Test
        void tooManyRequests_honoursRetryAfter_andCountsIt() {
            stubFirstPageFailingOnceWith(server.json(429, "error-throttled.json").withHeader("Retry-After", "1"));
            long started = System.nanoTime();

            DeltaOutcome outcome = readUsers(null);

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
            assertThat(outcome).isInstanceOf(DeltaOutcome.Completed.class);
            assertThat(((DeltaOutcome.Completed) outcome).stats()).isEqualTo(new DeltaOutcome.ReadStats(2, 1, 1));
            assertThat(pages).hasSize(2);
        }

        @Test
        void retryAfterLongerThanTheCapOfOneWait_isWaitedOutInFull() {
            source = newSource(new GraphProperties(3, Duration.ofMillis(200), Duration.ofMillis(10),
                    Duration.ofSeconds(5), Duration.ofSeconds(5), 100, Duration.ofSeconds(10)));
            stubFirstPageFailingOnceWith(server.json(429, "error-throttled.json").withHeader("Retry-After", "2"));
            long started = System.nanoTime();

            DeltaOutcome outcome = readUsers(null);

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
            assertThat(((DeltaOutcome.Completed) outcome).stats()).isEqualTo(new DeltaOutcome.ReadStats(2, 1, 1));
        }

        @Test
        void retryAfterPastTheThrottlingDeadline_failsAtOnceNamingWhenToRetry() {
            wireMock.stubFor(firstUsersPage().willReturn(server.json(429, "error-throttled.json")
                    .withHeader("Retry-After", "3600")));
            long started = System.nanoTime();

            assertThatThrownBy(() -> readUsers(null))
                    .isInstanceOfSatisfying(DirectorySourceException.class, e -> {
                        assertThat(e.status()).isEqualTo(429);
                        assertThat(e.errorCode()).isEqualTo("throttled");
                        assertThat(e.getMessage()).contains("tenant 'contoso'", "throttled by Graph, retry after ",
                                "Retry-After 3600 s", "entra-sync.graph.max-throttle-wait").doesNotContain("$select");
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
            wireMock.verify(1, getRequestedFor(urlPathEqualTo(USERS_DELTA)));
        }

        @Test
        void serviceUnavailable_isRetried() {
            stubFirstPageFailingOnceWith(server.json(503, "error-service-unavailable.json").withHeader("Retry-After", "0"));

            DeltaOutcome outcome = readUsers(null);

            assertThat(((DeltaOutcome.Completed) outcome).stats()).isEqualTo(new DeltaOutcome.ReadStats(2, 1, 1));
        }

        @Test
        void gatewayTimeout_isRetried() {
            stubFirstPageFailingOnceWith(aResponse().withStatus(504));

            DeltaOutcome outcome = readUsers(null);

            assertThat(((DeltaOutcome.Completed) outcome).stats()).isEqualTo(new DeltaOutcome.ReadStats(2, 1, 1));
        }

        @Test
        void connectionResetMidPage_retriesThatPage() {
            wireMock.stubFor(firstUsersPage().willReturn(server.json(200, "users-delta-page1.json")));
            wireMock.stubFor(secondUsersPage().inScenario("reset").whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("ok"));
            wireMock.stubFor(secondUsersPage().inScenario("reset").whenScenarioStateIs("ok")
                    .willReturn(server.json(200, "users-delta-page2.json")));

            DeltaOutcome outcome = readUsers(null);

            assertThat(((DeltaOutcome.Completed) outcome).stats()).isEqualTo(new DeltaOutcome.ReadStats(2, 0, 1));
            assertThat(pages).hasSize(2);
            wireMock.verify(1, getRequestedFor(urlPathEqualTo(USERS_DELTA)).withQueryParam("$skiptoken", absent()));
            wireMock.verify(2, getRequestedFor(urlPathEqualTo(USERS_DELTA)).withQueryParam("$skiptoken", matching(".+")));
        }

        @Test
        void brokenBodyMidPage_retriesThatPage() {
            stubFirstPageFailingOnceWith(aResponse().withStatus(200).withFault(Fault.MALFORMED_RESPONSE_CHUNK));

            DeltaOutcome outcome = readUsers(null);

            assertThat(((DeltaOutcome.Completed) outcome).stats().retries()).isEqualTo(1);
            assertThat(pages).hasSize(2);
        }

        @Test
        void givesUpAfterTheRetryBudget_namingTenantPathAndLastStatus() {
            wireMock.stubFor(firstUsersPage().willReturn(server.json(429, "error-throttled.json").withHeader("Retry-After", "0")));

            assertThatThrownBy(() -> readUsers(null))
                    .isInstanceOfSatisfying(DirectorySourceException.class, e -> {
                        assertThat(e.tenantKey()).isEqualTo("contoso");
                        assertThat(e.status()).isEqualTo(429);
                        assertThat(e.errorCode()).isEqualTo("TooManyRequests");
                        assertThat(e.getMessage()).contains("contoso", USERS_DELTA, "429", "3 retries")
                                .doesNotContain("$select", "Bearer", "eyJ");
                    });
            wireMock.verify(4, getRequestedFor(urlPathEqualTo(USERS_DELTA)));
        }

        @Test
        void zeroRetries_failsOnTheFirstThrottledAnswer() {
            source = newSource(new GraphProperties(0, Duration.ofSeconds(1), Duration.ofMillis(10),
                    Duration.ofSeconds(5), Duration.ofSeconds(5), 100, Duration.ofSeconds(3)));
            wireMock.stubFor(firstUsersPage().willReturn(aResponse().withStatus(503)));

            assertThatThrownBy(() -> readUsers(null)).isInstanceOf(DirectorySourceException.class)
                    .hasMessageContaining("503");
            wireMock.verify(1, getRequestedFor(urlPathEqualTo(USERS_DELTA)));
        }
    }

    @Nested
    class UserExists {

        static final String USER = "87d349ed-44d7-43e1-9a83-5f2406dee5bd";

        @Test
        void ok_meansTheUserExists() {
            wireMock.stubFor(get(urlPathEqualTo("/v1.0/users/" + USER)).willReturn(server.json(200, "user.json")));

            assertThat(source.userExists(tenant, USER)).isTrue();
        }

        @Test
        void notFound_meansTheUserIsGone() {
            wireMock.stubFor(get(urlPathEqualTo("/v1.0/users/" + USER)).willReturn(server.json(404, "error-user-not-found.json")));

            assertThat(source.userExists(tenant, USER)).isFalse();
        }

        @Test
        void serverError_throwsRatherThanConfirmingARemoval() {
            wireMock.stubFor(get(urlPathEqualTo("/v1.0/users/" + USER)).willReturn(aResponse().withStatus(500)));

            assertThatThrownBy(() -> source.userExists(tenant, USER))
                    .isInstanceOfSatisfying(DirectorySourceException.class, e -> assertThat(e.status()).isEqualTo(500));
        }

        @Test
        void notFoundWithoutGraphsCode_throws() {
            wireMock.stubFor(get(urlPathEqualTo("/v1.0/users/" + USER)).willReturn(aResponse().withStatus(404)
                    .withHeader("Content-Type", "text/html").withBody("<html>not here</html>")));

            assertThatThrownBy(() -> source.userExists(tenant, USER)).isInstanceOf(DirectorySourceException.class);
        }

        @Test
        void connectionReset_isRetried() {
            wireMock.stubFor(get(urlPathEqualTo("/v1.0/users/" + USER)).inScenario("r").whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("ok"));
            wireMock.stubFor(get(urlPathEqualTo("/v1.0/users/" + USER)).inScenario("r").whenScenarioStateIs("ok")
                    .willReturn(server.json(404, "error-user-not-found.json")));

            assertThat(source.userExists(tenant, USER)).isFalse();
            wireMock.verify(2, getRequestedFor(urlPathEqualTo("/v1.0/users/" + USER)));
        }

        @Test
        void throttled_isRetried() {
            wireMock.stubFor(get(urlPathEqualTo("/v1.0/users/" + USER)).inScenario("t").whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(server.json(429, "error-throttled.json").withHeader("Retry-After", "0")).willSetStateTo("ok"));
            wireMock.stubFor(get(urlPathEqualTo("/v1.0/users/" + USER)).inScenario("t").whenScenarioStateIs("ok")
                    .willReturn(server.json(404, "error-user-not-found.json")));

            assertThat(source.userExists(tenant, USER)).isFalse();
            wireMock.verify(2, getRequestedFor(urlPathEqualTo("/v1.0/users/" + USER)));
        }
    }

    @Nested
    class Tokens {

        @Test
        void tokenRefusedByGraph_isRenewedOnceAndThePageRetried() {
            stubTwoUserPages();
            wireMock.stubFor(firstUsersPage().atPriority(1).inScenario("revoked")
                    .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED).willSetStateTo("renewed")
                    .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                            .withBody("{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"revoked\"}}")));

            DeltaOutcome outcome = readUsers(null);

            assertThat(outcome).isInstanceOf(DeltaOutcome.Completed.class);
            assertThat(pages).hasSize(2);
            wireMock.verify(2, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
        }

        @Test
        void tokenRefusedByGraphAgainAfterRenewal_failsNamingTheCode() {
            wireMock.stubFor(firstUsersPage().willReturn(aResponse().withStatus(401)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"revoked\"}}")));

            assertThatThrownBy(() -> readUsers(null)).isInstanceOf(DirectorySourceException.class)
                    .hasMessageContaining("HTTP 401 (InvalidAuthenticationToken)");
            wireMock.verify(2, getRequestedFor(urlPathEqualTo(USERS_DELTA)));
        }

        @Test
        void oneTokenRequestServesSeveralCalls_whileTheTokenIsValid() {
            stubTwoUserPages();
            wireMock.stubFor(get(urlPathEqualTo(GROUPS_DELTA)).willReturn(server.json(200, "groups-delta-page2.json")));
            wireMock.stubFor(get(urlPathMatching("/v1.0/users/[0-9a-f-]+")).willReturn(server.json(200, "user.json")));

            readUsers(null);
            source.readGroups(tenant, null, false, page -> { });
            source.userExists(tenant, "87d349ed-44d7-43e1-9a83-5f2406dee5bd");
            readUsers(null);

            wireMock.verify(1, postRequestedFor(urlPathEqualTo(TOKEN_PATH))
                    .withRequestBody(containing("grant_type=client_credentials"))
                    .withRequestBody(containing("client_id=" + GraphTestServer.CLIENT_ID))
                    .withRequestBody(containing(java.net.URLEncoder.encode(server.base() + "/.default",
                            java.nio.charset.StandardCharsets.UTF_8))));
        }

        @Test
        void aTokenIsReused_untilFiveMinutesBeforeItExpires() {
            MutableClock clock = new MutableClock(java.time.Instant.now());
            source = new GraphDirectorySource(FAST, GraphTestServer.trust(), Map.of(SECRET_ENV, SECRET)::get, clock);
            stubTwoUserPages();

            readUsers(null);
            clock.advance(Duration.ofMinutes(50));
            readUsers(null);
            wireMock.verify(1, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
            clock.advance(Duration.ofMinutes(6));
            readUsers(null);

            wireMock.verify(2, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
        }

        @Test
        void aShortLivedTokenIsReused_forHalfItsLifetime() {
            server.stubToken("token-short-lived.json");
            stubTwoUserPages();

            readUsers(null);
            readUsers(null);

            wireMock.verify(1, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
        }

        @Test
        void wrongSecret_failsNamingTenantAndEntrasErrorCode() {
            wireMock.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(server.json(401, "token-error-invalid-client.json")));
            stubTwoUserPages();

            assertThatThrownBy(() -> readUsers(null))
                    .isInstanceOfSatisfying(DirectorySourceException.class, e -> {
                        assertThat(e.tenantKey()).isEqualTo("contoso");
                        assertThat(e.errorCode()).isEqualTo("AADSTS7000215");
                        assertThat(e.status()).isEqualTo(401);
                        assertThat(e.getMessage()).contains("'contoso'", "invalid_client", "AADSTS7000215")
                                .doesNotContain(SECRET).doesNotContain("\n").doesNotContain("\tat ");
                        assertThat(e.getCause()).isNull();
                    });
            wireMock.verify(0, getRequestedFor(urlPathEqualTo(USERS_DELTA)));
        }

        @Test
        void unknownTenant_failsNamingTenantAndEntrasErrorCode() {
            wireMock.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(server.json(400, "token-error-unknown-tenant.json")));

            assertThatThrownBy(() -> source.userExists(tenant, "87d349ed-44d7-43e1-9a83-5f2406dee5bd"))
                    .isInstanceOfSatisfying(DirectorySourceException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo("AADSTS90002");
                        assertThat(e.getMessage()).contains("'contoso'", "invalid_request", "AADSTS90002");
                    });
        }

        @Test
        void missingSecretVariable_failsNamingTheVariable() {
            TenantConnection noSecret = server.tenant(new TenantConnection.Credentials("UNSET_SECRET", null, null, null));

            assertThatThrownBy(() -> source.readUsers(noSecret, null, false, page -> { }))
                    .isInstanceOf(DirectorySourceException.class)
                    .hasMessageContaining("contoso").hasMessageContaining("UNSET_SECRET");
            wireMock.verify(0, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
        }

        @Test
        void secretFromAFile_isSentToTheTokenEndpoint() throws Exception {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("secret", ".txt");
            java.nio.file.Files.writeString(file, "file-secret\n");
            stubTwoUserPages();

            source.readUsers(server.tenant(new TenantConnection.Credentials(null, file, null, null)), null, false,
                    page -> { });

            wireMock.verify(1, postRequestedFor(urlPathEqualTo(TOKEN_PATH))
                    .withRequestBody(containing("client_secret=file-secret"))
                    .withRequestBody(containing("grant_type=client_credentials")));
        }

        @Test
        void changedClientId_buildsANewApplication() {
            stubTwoUserPages();
            TenantConnection other = new TenantConnection("contoso", tenant.tenantId(), "99999999-bbbb-cccc-dddd-eeeeeeeeeeee",
                    tenant.credentials(), tenant.cloud(), tenant.graphEndpoint(), tenant.authorityHost());

            readUsers(null);
            source.readUsers(other, null, false, page -> { });

            wireMock.verify(1, postRequestedFor(urlPathEqualTo(TOKEN_PATH)).withRequestBody(containing("client_id=" + GraphTestServer.CLIENT_ID)));
            wireMock.verify(1, postRequestedFor(urlPathEqualTo(TOKEN_PATH)).withRequestBody(containing("client_id=99999999")));
        }
    }

    @Nested
    class Tls {

        @Test
        void jvmTrustStore_doesNotTrustTheSelfSignedTestServer() {
            GraphDirectorySource jvmTrust = new GraphDirectorySource(FAST, TlsTrust.jvmDefault(),
                    Map.of(SECRET_ENV, SECRET)::get, Clock.systemUTC());

            assertThatThrownBy(() -> jvmTrust.readUsers(tenant, null, false, page -> { }))
                    .isInstanceOfSatisfying(DirectorySourceException.class,
                            e -> assertThat(e.getMessage()).contains("contoso", "token request"));
            wireMock.verify(0, getRequestedFor(urlPathEqualTo(USERS_DELTA)));
        }
    }
}
