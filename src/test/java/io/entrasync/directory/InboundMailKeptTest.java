package io.entrasync.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.support.ApiClient;
import io.entrasync.support.DomainSite;
import io.entrasync.support.PostgresIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Issue 19, observation 6: every inbound message is kept with its body, headers and outcome, whatever became of it,
 * and a message no site takes waits for an admin instead of being refused.
 */
@PostgresIntegrationTest
class InboundMailKeptTest {

    @LocalServerPort
    int port;

    ApiClient api;
    String tag;
    String domain;
    long siteId;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        DomainSite site = DomainSite.create(api, "Kept");
        tag = site.tag();
        domain = site.domain();
        siteId = site.id();
    }

    @AfterEach
    void restoreSettings() {
        DomainSite.resetInboundSettings(api);
    }

    private ApiClient.Answer mail(String from, String subject, String body) {
        return api.post("/api/inbound-email", "{\"from\":\"" + from + "\",\"subject\":\"" + subject + "\",\"body\":\""
                + body + "\",\"headers\":{\"Message-ID\":\"<" + tag + "@mx>\"}}");
    }

    private JsonNode message(JsonNode outcome) {
        var answer = api.get("/api/inbound-email/" + outcome.get("messageId").asLong());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    @Test
    void unknownDomainWithoutDefaultSite_waitsUnassigned_thenAssignCreatesAccountAndTicket() {
        String from = "stranger@nowhere-" + tag + ".org";

        var answer = mail(from, "Need help", "Hello there");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().get("outcome").asString()).isEqualTo("UNASSIGNED");
        assertThat(answer.json().get("reason").asString()).contains("no default site");
        assertThat(answer.json().get("userId").isNull()).isTrue();
        long id = answer.json().get("messageId").asLong();
        var waiting = api.get("/api/inbound-email?outcome=UNASSIGNED&size=500").json();
        assertThat(waiting.get("content").findValuesAsString("senderEmail")).contains(from);
        assertThat(waiting.get("page").get("totalElements").asLong()).isPositive();

        var assigned = api.post("/api/inbound-email/" + id + "/assign", "{\"siteId\":" + siteId + "}");

        assertThat(assigned.status()).as(assigned.body()).isEqualTo(200);
        assertThat(assigned.json().get("outcome").asString()).isEqualTo("TICKET_OPENED");
        assertThat(assigned.json().get("userCreated").asBoolean()).isTrue();
        assertThat(assigned.json().get("siteId").asLong()).isEqualTo(siteId);
        var user = api.get("/api/users/" + assigned.json().get("userId").asLong()).json();
        assertThat(user.get("siteId").asLong()).isEqualTo(siteId);
        assertThat(user.get("association").asString()).isEqualTo("WEAK");
        assertThat(api.get("/api/users/" + user.get("id").asLong() + "/tickets").json().get(0).get("subject").asString())
                .isEqualTo("Need help");
        var kept = message(assigned.json());
        assertThat(kept.get("outcome").asString()).isEqualTo("TICKET_OPENED");
        assertThat(kept.get("assignedAt").isNull()).isFalse();
        assertThat(kept.get("body").asString()).isEqualTo("Hello there");
    }

    @Test
    void assign_ofAMessageNotWaiting_is409_ofAnUnknownOne404_withoutSite400() {
        var opened = mail("someone@" + domain, "Hi", "x").json();
        var waiting = mail("x@else-" + tag + ".org", "Hi", "x").json();

        var again = api.post("/api/inbound-email/" + opened.get("messageId").asLong() + "/assign",
                "{\"siteId\":" + siteId + "}");
        var unknown = api.post("/api/inbound-email/987654321/assign", "{\"siteId\":" + siteId + "}");
        var noSite = api.post("/api/inbound-email/" + waiting.get("messageId").asLong() + "/assign", "{}");
        var badSite = api.post("/api/inbound-email/" + waiting.get("messageId").asLong() + "/assign",
                "{\"siteId\":987654321}");

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("detail").asString()).contains("TICKET_OPENED");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(noSite.status()).isEqualTo(400);
        assertThat(noSite.json().get("field").asString()).isEqualTo("siteId");
        assertThat(badSite.status()).isEqualTo(400);
        assertThat(message(waiting).get("outcome").asString()).isEqualTo("UNASSIGNED");
    }

    @Test
    void deactivatedSender_isKeptWithItsReason() {
        long userId = mail("gone@" + domain, "First", "one").json().get("userId").asLong();
        api.post("/api/users/" + userId + "/deactivate", "");

        var answer = mail("gone@" + domain, "Second", "two").json();

        assertThat(answer.get("outcome").asString()).isEqualTo("DEACTIVATED_SENDER");
        var kept = message(answer);
        assertThat(kept.get("userId").asLong()).isEqualTo(userId);
        assertThat(kept.get("subject").asString()).isEqualTo("Second");
        assertThat(kept.get("body").asString()).isEqualTo("two");
        assertThat(kept.get("reason").asString()).contains("deactivated");
        assertThat(api.get("/api/inbound-email?outcome=DEACTIVATED_SENDER&size=500").json().get("content")
                .findValuesAsString("senderEmail")).contains("gone@" + domain);
    }

    @Test
    void autoTicketsOff_isKeptWithItsReason() {
        long userId = mail("quiet@" + domain, "First", "one").json().get("userId").asLong();
        api.patch("/api/users/" + userId, "{\"autoTicketDisabled\":true}");

        var answer = mail("quiet@" + domain, "Second", "two").json();

        assertThat(answer.get("outcome").asString()).isEqualTo("AUTO_TICKETS_OFF");
        assertThat(message(answer).get("reason").asString()).contains("automatic ticket creation is disabled");
    }

    @Test
    void notTheMainUserOfAMainUserOnlySite_isKeptWithItsReason_andTheAccountCreated() {
        String mainOnly = "main-" + tag + ".org";
        long mainSite = api.post("/api/sites", "{\"name\":\"Main only " + tag + "\",\"emailDomains\":[\"" + mainOnly
                + "\"],\"mainUserOnlyTickets\":true}").json().get("id").asLong();

        var answer = mail("worker@" + mainOnly, "Broken", "please").json();

        assertThat(answer.get("outcome").asString()).isEqualTo("NOT_MAIN_USER");
        assertThat(answer.get("userCreated").asBoolean()).isTrue();
        assertThat(answer.get("siteId").asLong()).isEqualTo(mainSite);
        assertThat(answer.get("ticketId").isNull()).isTrue();
        assertThat(message(answer).get("reason").asString()).contains("main user only");
    }

    @Test
    void bodyAndHeaders_areStored_andBouncesToo() {
        var opened = mail("writer@" + domain, "Printer", "Line one\\nLine two \\u00e9").json();
        var bounce = mail("MAILER-DAEMON@" + domain, "Undeliverable", "bounced").json();

        var kept = message(opened);
        assertThat(kept.get("body").asString()).isEqualTo("Line one\nLine two é");
        assertThat(kept.get("headers").get("Message-ID").asString()).isEqualTo("<" + tag + "@mx>");
        assertThat(kept.get("from").asString()).isEqualTo("writer@" + domain);
        assertThat(kept.get("receivedAt").isNull()).isFalse();
        assertThat(bounce.get("outcome").asString()).isEqualTo("AUTOMATED");
        assertThat(message(bounce).get("body").asString()).isEqualTo("bounced");
    }

    @Test
    void nulCharacters_areKeptAsReplacementCharacters_neverA500() {
        var answer = mail("nul@" + domain, "a\\u0000b", "c\\u0000d");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(message(answer.json()).get("body").asString()).isEqualTo("c\uFFFDd");
    }

    @Test
    void invalidSender_is400_andKeptAllTheSame() {
        var answer = mail("not an address " + tag, "Hi", "body " + tag);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("field").asString()).isEqualTo("from");
        var invalid = api.get("/api/inbound-email?outcome=INVALID_SENDER&size=500").json().get("content");
        assertThat(invalid.findValuesAsString("from")).contains("not an address " + tag);
    }

    @Test
    void subjectOf5000Characters_isKeptWhole_onTheTicket_likePostTickets() {
        String subject = "s".repeat(5000);

        var mailed = mail("long@" + domain, subject, "x").json();
        var posted = api.post("/api/tickets", "{\"userId\":" + mailed.get("userId").asLong() + ",\"subject\":\""
                + subject + "\"}");

        assertThat(mailed.get("outcome").asString()).isEqualTo("TICKET_OPENED");
        var tickets = api.get("/api/users/" + mailed.get("userId").asLong() + "/tickets").json();
        assertThat(tickets.get(0).get("subject").asString()).hasSize(5000);
        assertThat(posted.status()).as(posted.body()).isEqualTo(201);
        assertThat(posted.json().get("subject").asString()).hasSize(5000);
    }

    @Test
    void subjectAboveTheTicketLimit_isRefusedAtBothDoors_andTheMailKeptWhole() {
        String subject = "s".repeat(Ticket.MAX_SUBJECT + 1);
        long userId = mail("longer@" + domain, "short", "x").json().get("userId").asLong();

        var mailed = mail("longer@" + domain, subject, "x").json();
        var posted = api.post("/api/tickets", "{\"userId\":" + userId + ",\"subject\":\"" + subject + "\"}");

        assertThat(mailed.get("outcome").asString()).isEqualTo("SUBJECT_TOO_LONG");
        assertThat(mailed.get("ticketId").isNull()).isTrue();
        assertThat(message(mailed).get("subject").asString()).hasSize(Ticket.MAX_SUBJECT + 1);
        assertThat(posted.status()).isEqualTo(400);
        assertThat(posted.json().get("field").asString()).isEqualTo("subject");
        assertThat(api.get("/api/users/" + userId + "/tickets").json()).hasSize(1);
    }

    @Test
    void unknownOutcomeFilter_is400NamingIt() {
        var answer = api.get("/api/inbound-email?outcome=LOST");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("field").asString()).isEqualTo("outcome");
    }
}
