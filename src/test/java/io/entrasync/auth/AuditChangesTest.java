package io.entrasync.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.support.ApiClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Edits carry their before/after in the audit trail: only the fields whose value changed, none for an edit refused
 * (409) or one that sends the stored values again; in {@code GET /api/audit} and in the CSV export.
 */
@OidcIntegrationTest
class AuditChangesTest {

    @LocalServerPort
    int port;

    private ApiClient admin() {
        return new ApiClient(port);
    }

    @Test
    void aUserPatch_recordsExactlyTheChangedFields_aRefusedOrUnchangedPatchNone() {
        Instant start = Instant.now();
        long siteId = site("Changes " + UUID.randomUUID());
        String email = "clerk-" + UUID.randomUUID() + "@changes.example";
        var created = admin().post("/api/users", "{\"siteId\":" + siteId + ",\"email\":\"" + email
                + "\",\"firstName\":\"Ada\",\"jobTitle\":\"Clerk\",\"phone\":\"111\"}");
        assertThat(created.status()).isEqualTo(201);
        long userId = created.json().get("id").asLong();
        String other = "other-" + UUID.randomUUID() + "@changes.example";
        assertThat(admin().post("/api/users", "{\"siteId\":" + siteId + ",\"email\":\"" + other + "\"}").status())
                .isEqualTo(201);

        // firstName is sent unchanged: no change recorded for it
        assertThat(admin().patch("/api/users/" + userId,
                "{\"firstName\":\"Ada\",\"jobTitle\":\"Boss\",\"phone\":\"222\"}").status()).isEqualTo(200);
        // refused: the email belongs to another user; the jobTitle it also sends is not stored either
        assertThat(admin().patch("/api/users/" + userId, "{\"jobTitle\":\"Chief\",\"email\":\"" + other + "\"}")
                .status()).isEqualTo(409);
        // nothing new
        assertThat(admin().patch("/api/users/" + userId, "{\"jobTitle\":\"Boss\"}").status()).isEqualTo(200);
        assertThat(admin().post("/api/users/" + userId + "/deactivate", "{}").status()).isEqualTo(200);

        var events = events("userId=" + userId, start);
        assertThat(events).hasSize(4);
        // newest first
        assertThat(events.get(0).get("action").asString()).isEqualTo("POST /api/users/{userId}/deactivate");
        assertThat(changes(events.get(0))).containsExactly("active: true → false", "deactivationReason: null → MANUAL");
        assertThat(events.get(1).get("status").asInt()).isEqualTo(200);
        assertThat(changes(events.get(1))).as("a patch sending the stored value changes nothing").isEmpty();
        assertThat(events.get(2).get("status").asInt()).isEqualTo(409);
        assertThat(changes(events.get(2))).as("a refused patch changed nothing").isEmpty();
        assertThat(events.get(3).get("action").asString()).isEqualTo("PATCH /api/users/{userId}");
        assertThat(events.get(3).get("status").asInt()).isEqualTo(200);
        assertThat(changes(events.get(3))).containsExactly("phone: 111 → 222", "jobTitle: Clerk → Boss");

        var csv = admin().get("/api/audit.csv?action=PATCH&target=userId=" + userId + "&from=" + start).body()
                .lines().toList();
        assertThat(csv.get(0)).endsWith(",changes");
        assertThat(csv).hasSize(4);
        assertThat(csv.get(3)).endsWith(",phone: 111 → 222; jobTitle: Clerk → Boss");
        assertThat(csv.get(1)).endsWith(",200,127.0.0.1,");
    }

    @Test
    void anEditRefusedAfterItsFieldsWereApplied_recordsItsStatusAndNoChanges() {
        Instant start = Instant.now();
        String name = "Weak " + UUID.randomUUID();
        site(name);
        var mail = admin().post("/api/inbound-email", "{\"from\":\"walk.in@" + domainOf(name) + "\",\"subject\":\"Hi\"}");
        long weak = mail.json().get("userId").asLong();

        // jobTitle is applied before the WEAK account's promotion is refused; the refusal rolls it all back
        assertThat(admin().patch("/api/users/" + weak, "{\"jobTitle\":\"Temp\",\"mainSiteUser\":true}").status())
                .isEqualTo(409);

        var events = events("userId=" + weak, start);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).get("action").asString()).isEqualTo("PATCH /api/users/{userId}");
        assertThat(events.get(0).get("status").asInt()).isEqualTo(409);
        assertThat(changes(events.get(0))).isEmpty();
    }

    @Test
    void aSiteRename_aSettingsChange_andADelete_recordTheirValues() {
        Instant start = Instant.now();
        String name = "Rename " + UUID.randomUUID();
        long siteId = site(name);
        assertThat(admin().patch("/api/sites/" + siteId, "{\"name\":\"" + name + " B\",\"mainUserOnlyTickets\":false}")
                .status()).isEqualTo(200);
        var settings = admin().get("/api/settings").json();
        boolean auto = settings.get("autoCreateUsersFromEmail").asBoolean();
        JsonNode defaultSite = settings.get("defaultSiteId");
        String restore = "{\"autoCreateUsersFromEmail\":" + auto + ",\"defaultSiteId\":"
                + (defaultSite == null || defaultSite.isNull() ? "null" : defaultSite.asString()) + "}";
        try {
            assertThat(admin().put("/api/settings", "{\"autoCreateUsersFromEmail\":" + !auto + ",\"defaultSiteId\":"
                    + siteId + "}").status()).isEqualTo(200);
        } finally {
            assertThat(admin().put("/api/settings", restore).status()).isEqualTo(200);
        }
        assertThat(admin().send("DELETE", "/api/sites/" + siteId).status()).isEqualTo(204);

        var siteEvents = events("siteId=" + siteId, start);
        assertThat(siteEvents).hasSize(2);
        assertThat(siteEvents.get(0).get("action").asString()).isEqualTo("DELETE /api/sites/{siteId}");
        assertThat(changes(siteEvents.get(0))).containsExactly("name: " + name + " B → null",
                "emailDomains: " + domainOf(name) + " → null", "mainUserOnlyTickets: false → null");
        assertThat(changes(siteEvents.get(1))).as("only the name changed").containsExactly(
                "name: " + name + " → " + name + " B");

        var settingsEvents = admin().get("/api/audit?action=PUT%20/api/settings&from=" + start).json().get("content");
        assertThat(settingsEvents).hasSize(2);
        String oldDefault = defaultSite == null || defaultSite.isNull() ? "null" : defaultSite.asString();
        assertThat(changes(settingsEvents.get(1))).containsExactly(
                "autoCreateUsersFromEmail: " + auto + " → " + !auto, "defaultSiteId: " + oldDefault + " → " + siteId);
        assertThat(changes(settingsEvents.get(0))).containsExactly(
                "autoCreateUsersFromEmail: " + !auto + " → " + auto, "defaultSiteId: " + siteId + " → " + oldDefault);
    }

    private long site(String name) {
        var created = admin().post("/api/sites", "{\"name\":\"" + name + "\",\"emailDomains\":[\"" + domainOf(name)
                + "\"],\"mainUserOnlyTickets\":false}");
        assertThat(created.status()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    private static String domainOf(String name) {
        return name.substring(name.indexOf(' ') + 1).toLowerCase() + ".example";
    }

    private List<JsonNode> events(String target, Instant from) {
        List<JsonNode> events = new ArrayList<>();
        admin().get("/api/audit?target=" + target + "&from=" + from).json().get("content").forEach(events::add);
        return events;
    }

    /** An event's changes as "field: before → after" (null for no value). */
    private static List<String> changes(JsonNode event) {
        List<String> changes = new ArrayList<>();
        event.get("changes").forEach(c -> changes.add(c.get("field").asString() + ": " + text(c.get("before"))
                + " → " + text(c.get("after"))));
        return changes;
    }

    private static String text(JsonNode value) {
        return value == null || value.isNull() ? "null" : value.asString();
    }
}
