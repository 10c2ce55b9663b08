package io.entrasync.sync;

import static io.entrasync.support.FakeDirectory.person;
import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.support.ApiClient;
import io.entrasync.support.EmbeddedPostgresInitializer;
import io.entrasync.support.FakeDirectory;
import io.entrasync.support.StateSnapshot;
import io.entrasync.support.TrustTestTls;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Directory data that is legal in Graph but hostile to us: no mail and no UPN, duplicate emails, names in every
 * script, values longer than our columns, NUL characters, an enormous group and a membership cycle. The run ends
 * SUCCEEDED with nothing failed; what cannot be stored is skipped with a reason or shortened.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "entra-sync.admin-token=" + ApiClient.TOKEN,
        "entra-sync.graph.max-retries=1",
        "entra-sync.graph.initial-backoff=10ms"
})
@Import(TrustTestTls.class)
@ContextConfiguration(initializers = EmbeddedPostgresInitializer.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileDirectoryDataTest {

    static final int BIG_GROUP = 5_000;
    static final FakeDirectory graph = new FakeDirectory(200);
    static final Path MAPPINGS = Path.of("target", "hostile-sync", "mappings");
    static final Map<String, String> NAMES = new LinkedHashMap<>();

    static {
        NAMES.put("arabic", "مريم|الحسيني");
        NAMES.put("hebrew", "\u200Fדוד|כהן");
        NAMES.put("cjk", "小明|王");
        NAMES.put("japanese", "はなこ|山田");
        NAMES.put("korean", "민준|김");
        NAMES.put("devanagari", "अनन्या|शर्मा");
        NAMES.put("thai", "สมชาย|ใจดี");
        NAMES.put("cyrillic", "Ёжик|Туманов");
        NAMES.put("greek", "Ἀλέξανδρος|Παπαδόπουλος");
        NAMES.put("emoji", "🦄 Uni|👩🏽‍💻 Coder");
        NAMES.put("combining", "Zoe\u0308|Ch\u0103\u0301u");
        NAMES.put("sql", "Robert'); DROP TABLE end_user;--|O'Brien \" or 1=1");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    ApiClient api;


    @DynamicPropertySource
    static void mappings(DynamicPropertyRegistry registry) {
        String dir = graph.writeMapping(MAPPINGS, "contoso", """
                    scope: { groups: [Helpdesk Users] }
                    sites:
                      - { group: Cycle A, site: Cycle }
                      - { default: HQ }
                    departments: { attribute: department, createMissing: true }
                    safety: { maxDeactivations: 10, maxDeactivationPercent: 10 }
                    """);
        registry.add("entra-sync.mappings-dir", () -> dir);
    }

    @AfterAll
    static void stop() {
        graph.stop();
    }

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Test
    @Order(1)
    void hostileData_fullRunSucceeds_skippingOrShorteningWhatCannotBeStored() {
        graph.group("g-helpdesk", "Helpdesk Users").group("g-a", "Cycle A").group("g-b", "Cycle B")
                .group("g-big", "Everyone").member("g-helpdesk", "g-a").member("g-a", "g-b").member("g-b", "g-a")
                .member("g-helpdesk", "g-big");
        NAMES.forEach((key, name) -> {
            String[] parts = name.split("\\|");
            graph.user("n-" + key, person(parts[0], parts[1], key + "@contoso.org", null)).member("g-b", "n-" + key);
        });
        Map<String, Object> nothing = new HashMap<>(person("No", "Mail", null, null));
        nothing.remove("mail");
        nothing.remove("userPrincipalName");
        graph.user("x-nomail", nothing).member("g-helpdesk", "x-nomail");
        graph.user("x-dup1", person("Dup", "One", "same@contoso.org", null)).member("g-helpdesk", "x-dup1")
                .user("x-dup2", person("Dup", "Two", "SAME@contoso.org", null)).member("g-helpdesk", "x-dup2");
        Map<String, Object> longDisplay = new HashMap<>(person("x", "y", "long@contoso.org", null));
        longDisplay.remove("givenName");
        longDisplay.remove("surname");
        longDisplay.put("displayName", "F".repeat(250) + " Last");
        graph.user("x-longname", longDisplay).set("x-longname", "jobTitle", "J".repeat(300)).member("g-helpdesk", "x-longname");
        graph.user("x-emojilong", person("😀".repeat(150), "Smile", "emoji.long@contoso.org", null))
                .member("g-helpdesk", "x-emojilong");
        graph.user("x-nul", person("Nu\u0000l", "Byte", "nul@contoso.org", null)).member("g-helpdesk", "x-nul");
        graph.user("x-longdept", person("Dee", "Partment", "dept@contoso.org", "D".repeat(300)))
                .member("g-helpdesk", "x-longdept");
        for (int i = 0; i < BIG_GROUP; i++) {
            String id = String.format("big-%05d", i);
            graph.user(id, person("Big" + i, "Member", id + "@contoso.org", i % 10 == 0 ? "Dept " + (i % 7) : null))
                    .member("g-big", id);
        }
        graph.publish();

        JsonNode run = sync("FULL");

        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        JsonNode counts = run.get("counts");
        assertThat(counts.get("failed").asInt()).as(run.toString()).isZero();
        assertThat(counts.get("created").asInt()).as(run.toString()).isEqualTo(BIG_GROUP + NAMES.size() + 3);
        assertThat(counts.get("skipped").asInt()).as(run.toString()).isEqualTo(4);
        String skips = api.get("/api/sync-runs/" + run.get("id").asLong() + "/changes?kind=SKIP&size=50").body();
        assertThat(skips).contains("x-nomail", "no usable email address").contains("x-dup1", "x-dup2", "EMAIL_CONFLICT")
                .contains("x-longdept", "department name is 300 characters long; the helpdesk stores at most 200");
    }

    @Test
    @Order(2)
    void namesInEveryScript_roundTripThroughTheApi() {
        NAMES.forEach((key, name) -> {
            JsonNode user = byEmail(key + "@contoso.org");
            assertThat(user.get("firstName").asString() + "|" + user.get("lastName").asString()).as(key).isEqualTo(name);
            assertThat(user.get("siteId").asLong()).isEqualTo(siteId("Cycle"));
        });
        assertThat(jdbc.queryForObject("select count(*) from end_user", Integer.class)).isGreaterThan(BIG_GROUP);
    }

    @Test
    @Order(3)
    void tooLongValues_areShortenedToTheColumns_nulIsDropped() {
        JsonNode longName = byEmail("long@contoso.org");
        assertThat(longName.get("firstName").asString()).hasSize(200).startsWith("FFF");
        assertThat(longName.get("jobTitle").asString()).hasSize(200);
        JsonNode emoji = byEmail("emoji.long@contoso.org");
        assertThat(emoji.get("firstName").asString()).isEqualTo("😀".repeat(100));
        JsonNode nul = byEmail("nul@contoso.org");
        assertThat(nul.get("firstName").asString()).isEqualTo("Nul");
    }

    @Test
    @Order(4)
    void deltaAndFullRuns_afterwardsChangeNothing_andTheCycleNeverLoops() {
        StateSnapshot before = StateSnapshot.of(jdbc, "contoso");
        // a second cycle, through the scope group itself: Helpdesk Users ∈ Cycle C ∈ Cycle D ∈ Cycle C
        graph.group("g-c", "Cycle C").group("g-d", "Cycle D").member("g-c", "g-d").member("g-d", "g-c")
                .member("g-c", "g-helpdesk").member("g-helpdesk", "g-c").member("g-d", "x-nomail");
        graph.publish();

        JsonNode delta = sync("DELTA");
        JsonNode full = sync("FULL");

        assertThat(delta.get("status").asString()).as(delta.toString()).isEqualTo("SUCCEEDED");
        assertThat(full.get("status").asString()).as(full.toString()).isEqualTo("SUCCEEDED");
        for (JsonNode run : List.of(delta, full)) {
            JsonNode c = run.get("counts");
            assertThat(c.get("created").asInt() + c.get("updated").asInt() + c.get("deactivated").asInt()
                    + c.get("moved").asInt() + c.get("failed").asInt()).as(run.toString()).isZero();
        }
        assertThat(StateSnapshot.of(jdbc, "contoso")).isEqualTo(before);
        assertThat(before.duplicateExternalIds()).isEmpty();
    }

    private JsonNode byEmail(String email) {
        for (JsonNode user : api.get("/api/users?size=100&email=" + email).json().get("content")) {
            if (user.get("email").asString().equals(email)) {
                return user;
            }
        }
        throw new AssertionError("no account " + email);
    }

    private long siteId(String name) {
        for (JsonNode site : api.get("/api/sites").json()) {
            if (site.get("name").asString().equals(name)) {
                return site.get("id").asLong();
            }
        }
        throw new AssertionError("no site " + name);
    }

    private JsonNode sync(String mode) {
        return api.syncAndWait("contoso", mode, false);
    }
}
