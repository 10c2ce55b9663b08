package io.entrasync.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.support.ApiClient;
import io.entrasync.support.DomainSite;
import io.entrasync.support.PostgresIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Inbound email as it arrives: robots, auto-replies, +tags, encoded display names, deactivated senders. */
@PostgresIntegrationTest
class InboundEmailRulesTest {

    @LocalServerPort
    int port;

    ApiClient api;
    String domain;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        domain = DomainSite.create(api, "Rules").domain();
    }

    @AfterEach
    void restoreSettings() {
        DomainSite.resetInboundSettings(api);
    }

    private ApiClient.Answer mail(String from, String headers) {
        return api.post("/api/inbound-email", "{\"from\":\"" + from.replace("\"", "\\\"") + "\",\"subject\":\"Hi\""
                + (headers == null ? "" : ",\"headers\":" + headers) + "}");
    }

    @Test
    void bouncesAndNoReplyAddresses_createNothing_andSayWhy() {
        for (String robot : new String[]{"MAILER-DAEMON@", "postmaster@", "noreply@", "no-reply@", "No-Reply+x@"}) {
            var answer = mail(robot + domain, null);

            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.json().get("userId").isNull()).as(robot).isTrue();
            assertThat(answer.json().get("ticketId").isNull()).isTrue();
            assertThat(answer.json().get("reason").asString()).contains("automated sender");
        }
        assertThat(api.get("/api/users?email=" + domain).json().get("content")).isEmpty();
    }

    @Test
    void autoSubmittedHeader_inAnyCase_createsNothing() {
        var replied = mail("person@" + domain, "{\"auto-submitted\":\"auto-replied\"}");
        var generated = mail("\"Out Of Office\" <ooo@" + domain + ">", "{\"Auto-Submitted\":\"auto-generated\"}");
        var human = mail("human@" + domain, "{\"Auto-Submitted\":\"no\",\"X-Other\":\"1\"}");

        assertThat(replied.json().get("reason").asString()).contains("Auto-Submitted: auto-replied");
        assertThat(replied.json().get("userId").isNull()).isTrue();
        assertThat(generated.json().get("ticketId").isNull()).isTrue();
        assertThat(human.json().get("ticketId").isNull()).as(human.body()).isFalse();
        assertThat(api.get("/api/users?email=person@" + domain).json().get("content")).isEmpty();
    }

    @Test
    void plusTag_matchesTheExistingAccount() {
        long claire = mail("claire.johnson@" + domain, null).json().get("userId").asLong();

        var tagged = mail("Claire.Johnson+printer@" + domain, null);

        assertThat(tagged.json().get("userId").asLong()).isEqualTo(claire);
        assertThat(tagged.json().get("userCreated").asBoolean()).isFalse();
        assertThat(tagged.json().get("ticketId").isNull()).isFalse();
    }

    @Test
    void taggedNewSender_getsTheUntaggedAddress() {
        var first = mail("new.person+lists@" + domain, null);

        var user = api.get("/api/users/" + first.json().get("userId").asLong()).json();
        assertThat(user.get("email").asString()).isEqualTo("new.person@" + domain);
    }

    @Test
    void encodedDisplayName_andApostrophe_giveProperNames() {
        var encoded = mail("=?UTF-8?B?SsO8cmdlbiBNw7xsbGVy?= <jm@" + domain + ">", null);
        var quoted = mail("\"=?ISO-8859-1?Q?Ren=E9e?= =?ISO-8859-1?Q?_Fran=E7ois?=\" <rf@" + domain + ">", null);
        var irish = mail("o'brien@" + domain, null);

        var jm = api.get("/api/users/" + encoded.json().get("userId").asLong()).json();
        var rf = api.get("/api/users/" + quoted.json().get("userId").asLong()).json();
        var ob = api.get("/api/users/" + irish.json().get("userId").asLong()).json();
        assertThat(jm.get("firstName").asString() + " " + jm.get("lastName").asString()).isEqualTo("Jürgen Müller");
        assertThat(rf.get("firstName").asString() + " " + rf.get("lastName").asString()).isEqualTo("Renée François");
        assertThat(ob.get("lastName").asString()).isEqualTo("O'Brien");
    }

    @Test
    void deactivatedSender_answersAReason() {
        long userId = mail("left@" + domain, null).json().get("userId").asLong();
        api.post("/api/users/" + userId + "/deactivate", "");

        var answer = mail("left+old@" + domain, null).json();

        assertThat(answer.get("userId").asLong()).isEqualTo(userId);
        assertThat(answer.get("ticketId").isNull()).isTrue();
        assertThat(answer.get("reason").asString()).startsWith("sender deactivated, no ticket");
    }
}
