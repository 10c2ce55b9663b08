package io.entrasync.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.support.ApiClient;
import io.entrasync.support.DomainSite;
import io.entrasync.support.PostgresIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Inbound email: weak accounts from unknown senders, tickets for known ones, and every reason not to. */
@PostgresIntegrationTest
class InboundEmailTest {

    @LocalServerPort
    int port;

    ApiClient api;
    String domain;
    long siteId;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        DomainSite site = DomainSite.create(api, "Inbound");
        domain = site.domain();
        siteId = site.id();
    }

    @AfterEach
    void restoreSettings() {
        DomainSite.resetInboundSettings(api);
    }

    String email(String from) {
        return "{\"from\":\"" + from.replace("\"", "\\\"") + "\",\"subject\":\"Help\",\"body\":\"It broke\"}";
    }

    @Test
    void unknownSender_becomesWeakUserOnTheDomainsSite_andOpensATicket() {
        var answer = api.post("/api/inbound-email", email("claire.johnson@" + domain));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("userCreated").asBoolean()).isTrue();
        assertThat(answer.json().get("ticketId").isNull()).isFalse();
        var user = api.get("/api/users/" + answer.json().get("userId").asLong()).json();
        assertThat(user.get("association").asString()).isEqualTo("WEAK");
        assertThat(user.get("firstName").asString()).isEqualTo("Claire");
        assertThat(user.get("lastName").asString()).isEqualTo("Johnson");
        assertThat(user.get("siteId").asLong()).isEqualTo(siteId);
    }

    @Test
    void derivedNames_followTheAddressRules() {
        var initial = api.post("/api/inbound-email", email("c.johnson@" + domain)).json();
        var single = api.post("/api/inbound-email", email("clairejohnson@" + domain)).json();
        var display = api.post("/api/inbound-email", email("\"Claire Johnson\" <cj@" + domain + ">")).json();

        assertThat(name(initial)).isEqualTo("C Johnson");
        assertThat(name(single)).isEqualTo("Clairejohnson Clairejohnson");
        assertThat(name(display)).isEqualTo("Claire Johnson");
    }

    private String name(tools.jackson.databind.JsonNode outcome) {
        var user = api.get("/api/users/" + outcome.get("userId").asLong()).json();
        return user.get("firstName").asString() + " " + user.get("lastName").asString();
    }

    @Test
    void knownSender_opensATicketWithoutANewUser() {
        long first = api.post("/api/inbound-email", email("known@" + domain)).json().get("userId").asLong();

        var second = api.post("/api/inbound-email", email("KNOWN@" + domain)).json();

        assertThat(second.get("userId").asLong()).isEqualTo(first);
        assertThat(second.get("userCreated").asBoolean()).isFalse();
        assertThat(api.get("/api/users/" + first + "/tickets").json()).hasSize(2);
    }

    @Test
    void deactivatedSender_opensNoTicket() {
        long userId = api.post("/api/inbound-email", email("gone@" + domain)).json().get("userId").asLong();
        api.post("/api/users/" + userId + "/deactivate", "");

        var answer = api.post("/api/inbound-email", email("gone@" + domain)).json();

        assertThat(answer.get("ticketId").isNull()).isTrue();
        assertThat(answer.get("reason").asString()).contains("deactivated");
        assertThat(api.get("/api/users/" + userId + "/tickets").json()).hasSize(1);
    }

    @Test
    void autoTicketDisabledSender_opensNoTicket() {
        long userId = api.post("/api/inbound-email", email("quiet@" + domain)).json().get("userId").asLong();
        api.patch("/api/users/" + userId, "{\"autoTicketDisabled\":true}");

        var answer = api.post("/api/inbound-email", email("quiet@" + domain)).json();

        assertThat(answer.get("ticketId").isNull()).isTrue();
        assertThat(answer.get("reason").asString()).contains("automatic ticket creation is disabled");
    }

    @Test
    void autoCreateOff_unknownSenderIsNotCreated() {
        api.put("/api/settings", "{\"autoCreateUsersFromEmail\":false}");

        var answer = api.post("/api/inbound-email", email("nobody@" + domain)).json();

        assertThat(answer.get("userId").isNull()).isTrue();
        assertThat(answer.get("reason").asString()).contains("automatic user creation from email is off");
        assertThat(api.get("/api/users?email=nobody@" + domain).json().get("content")).isEmpty();
    }

    @Test
    void unknownDomain_usesTheDefaultSite_orWaitsUnassigned() {
        var waiting = api.post("/api/inbound-email", email("x@elsewhere-" + domain));

        assertThat(waiting.status()).isEqualTo(200);
        assertThat(waiting.json().get("outcome").asString()).isEqualTo("UNASSIGNED");
        assertThat(waiting.json().get("reason").asString()).contains("no site lists the email domain");

        api.put("/api/settings", "{\"autoCreateUsersFromEmail\":true,\"defaultSiteId\":" + siteId + "}");
        var accepted = api.post("/api/inbound-email", email("x@elsewhere-" + domain)).json();

        assertThat(api.get("/api/users/" + accepted.get("userId").asLong()).json().get("siteId").asLong()).isEqualTo(siteId);
    }

    @Test
    void invalidSender_is400() {
        var answer = api.post("/api/inbound-email", email("not an address"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("field").asString()).isEqualTo("from");
    }

    @Test
    void unknownDefaultSite_isRefused() {
        var answer = api.put("/api/settings", "{\"autoCreateUsersFromEmail\":true,\"defaultSiteId\":987654}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("detail").asString()).isEqualTo("site 987654 does not exist");
    }
}
