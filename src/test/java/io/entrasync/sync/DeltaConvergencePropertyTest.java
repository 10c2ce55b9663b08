package io.entrasync.sync;

import static io.entrasync.support.FakeDirectory.person;
import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.support.ApiClient;
import io.entrasync.support.EmbeddedPostgresInitializer;
import io.entrasync.support.FakeDirectory;
import io.entrasync.support.StateSnapshot;
import io.entrasync.support.TrustTestTls;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
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
 * Convergence property: a random history of directory changes (creates, edits, attributes cleared, moves,
 * nested-group changes, disables, soft and hard deletes, restores, email changes and duplicate emails), applied as a
 * sequence of delta runs with an occasional full run among them, leaves the same active helpdesk accounts as one full
 * sync of the final directory into an empty database. A cleared attribute reaches a delta as {@code null} (or
 * {@code []}) and is left out of a full read, as Graph does.
 *
 * <p>A seeded generator drives JUnit parameterized tries instead of jqwik: jqwik 1.10 is built on JUnit Platform
 * 1.x (this build runs Platform 6) and its licence discourages use by coding agents. Run more tries with
 * {@code -Dconvergence.tries=200}, replay one with {@code -Dconvergence.seed=<seed>}; a failure prints its seed
 * and history.
 *
 * <p>One difference is by design and left out of the comparison: users that took part in a duplicate email.
 * The account that held the email keeps it (hard match by object id), while a fresh sync creates no account for
 * an email two users claim.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "entra-sync.admin-token=" + ApiClient.TOKEN,
        "entra-sync.graph.max-retries=1",
        "entra-sync.graph.initial-backoff=10ms",
        "entra-sync.api.sync-trigger-burst=100000",
        "entra-sync.api.sync-triggers-per-minute=100000"
})
@Import(TrustTestTls.class)
@ContextConfiguration(initializers = EmbeddedPostgresInitializer.class)
class DeltaConvergencePropertyTest {

    static final FakeDirectory graph = new FakeDirectory(3);
    static final Path MAPPINGS = Path.of("target", "convergence-sync", "mappings");
    static final List<String> GROUPS = List.of("g-helpdesk", "g-berlin", "g-team-a", "g-team-b");
    static final List<String> DEPARTMENTS = List.of("IT", "Sales", "Ops");
    static final List<String> OFFICES = List.of("MUC-1", "BER-2");
    static final List<String> CLEARABLE = List.of("department", "jobTitle", "officeLocation", "businessPhones",
            "mobilePhone", "givenName", "surname", "mail");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;


    @DynamicPropertySource
    static void mappings(DynamicPropertyRegistry registry) {
        String dir = graph.writeMapping(MAPPINGS, "contoso", """
                    scope: { groups: [Helpdesk Users] }
                    sites:
                      - { group: Berlin Office, site: Berlin }
                      - attribute: officeLocation
                        map: { MUC-1: Munich }
                      - { default: HQ }
                    departments: { attribute: department, createMissing: true }
                    safety: { maxDeactivations: 100000, maxDeactivationPercent: 100 }
                    """);
        registry.add("entra-sync.mappings-dir", () -> dir);
    }

    @AfterAll
    static void stop() {
        graph.stop();
    }

    static Stream<Long> seeds() {
        String seed = System.getProperty("convergence.seed");
        if (seed != null) {
            return Stream.of(Long.parseLong(seed));
        }
        int tries = Integer.getInteger("convergence.tries", 12);
        return LongStream.range(0, tries).mapToObj(i -> 0x5EED_0000L + i * 7919);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void deltaHistory_convergesToAFreshFullSync(long seed) {
        History history = new History(new Random(seed));
        wipeDatabase();
        graph.clear();
        history.initial();
        graph.publish();
        expectSucceeded(sync("FULL"), history);
        int steps = 3 + history.random.nextInt(4);
        for (int step = 0; step < steps; step++) {
            int changes = 1 + history.random.nextInt(3);
            for (int i = 0; i < changes; i++) {
                history.change();
            }
            String mode = history.random.nextInt(4) == 0 ? "FULL" : "DELTA";
            history.log.add("-- " + mode.toLowerCase(java.util.Locale.ROOT) + " run");
            graph.publish();
            expectSucceeded(sync(mode), history);
        }
        StateSnapshot afterDeltas = StateSnapshot.of(jdbc, "contoso");

        wipeDatabase();
        graph.publish();
        expectSucceeded(sync("FULL"), history);
        StateSnapshot fresh = StateSnapshot.of(jdbc, "contoso");

        String story = "seed " + seed + ", history:\n  " + String.join("\n  ", history.log) + "\nafter deltas:\n"
                + afterDeltas + "\nfresh full sync:\n" + fresh;
        assertThat(afterDeltas.duplicateExternalIds()).as(story).isEmpty();
        assertThat(comparable(afterDeltas, history)).as(story).isEqualTo(comparable(fresh, history));
    }

    private static List<String> comparable(StateSnapshot snapshot, History history) {
        return snapshot.activeAccounts().stream()
                .filter(line -> history.tainted.stream().noneMatch(id -> line.startsWith("ext=" + id + " |")))
                .toList();
    }

    /** The random history, applied to the fake directory as it is generated. */
    static final class History {
        final Random random;
        final List<String> log = new ArrayList<>();
        final Set<String> live = new TreeSet<>();
        final Set<String> soft = new TreeSet<>();
        final Set<String> tainted = new TreeSet<>();
        int next;

        History(Random random) {
            this.random = random;
        }

        void initial() {
            graph.group("g-helpdesk", "Helpdesk Users").group("g-berlin", "Berlin Office").group("g-team-a", "Team A")
                    .group("g-team-b", "Team B").member("g-helpdesk", "g-berlin").member("g-helpdesk", "g-team-a");
            int users = 4 + random.nextInt(5);
            for (int i = 0; i < users; i++) {
                create();
            }
        }

        void change() {
            int kind = random.nextInt(14);
            if (live.isEmpty() || kind == 0) {
                create();
                return;
            }
            String user = pick(live);
            switch (kind) {
                case 1 -> edit(user);
                case 2 -> move(user);
                case 3 -> nest();
                case 4 -> toggleEnabled(user);
                case 5 -> softDelete(user);
                case 6 -> restore();
                case 7 -> hardDelete(user);
                case 8 -> duplicateEmail(user);
                case 9 -> changeEmail(user);
                case 10 -> create();
                case 11, 12 -> clear(user);
                default -> edit(user);
            }
        }

        private void create() {
            String id = "p" + (next++);
            String department = random.nextInt(3) == 0 ? null : pick(DEPARTMENTS);
            graph.user(id, person("Given" + id, "Family" + id, id + "@contoso.org", department));
            if (random.nextBoolean()) {
                graph.set(id, "officeLocation", pick(OFFICES)).set(id, "jobTitle", "Title" + id)
                        .set(id, "businessPhones", List.of("+49 30 " + id)).set(id, "mobilePhone", "+49 170 " + id);
            }
            String group = random.nextInt(5) == 0 ? null : pick(GROUPS);
            if (group != null) {
                graph.member(group, id);
            }
            live.add(id);
            log.add("create " + id + " dept=" + department + " in " + group);
        }

        private void edit(String user) {
            String attribute = pick(List.of("jobTitle", "department", "givenName", "surname", "officeLocation",
                    "businessPhones", "mobilePhone"));
            Object value = switch (attribute) {
                case "department" -> pick(DEPARTMENTS);
                case "officeLocation" -> pick(OFFICES);
                case "businessPhones" -> List.of("+49 30 " + random.nextInt(1000));
                default -> attribute + "-" + random.nextInt(1000);
            };
            graph.set(user, attribute, value);
            log.add("edit " + user + " " + attribute + "=" + value);
        }

        /** Removes a value in the directory: a delta then sends it as null (or []), a full read leaves it out. */
        private void clear(String user) {
            String attribute = pick(CLEARABLE);
            graph.unset(user, attribute);
            log.add("clear " + user + " " + attribute);
        }

        private void move(String user) {
            String group = pick(GROUPS);
            if (random.nextBoolean()) {
                graph.member(group, user);
                log.add("add " + user + " to " + group);
            } else {
                graph.removeMember(group, user);
                log.add("remove " + user + " from " + group);
            }
        }

        private void nest() {
            String parent = pick(GROUPS);
            String child = pick(GROUPS);
            if (parent.equals(child)) {
                return;
            }
            if (random.nextBoolean()) {
                graph.member(parent, child);
                log.add("nest " + child + " in " + parent);
            } else {
                graph.removeMember(parent, child);
                log.add("unnest " + child + " from " + parent);
            }
        }

        private void toggleEnabled(String user) {
            boolean enabled = !Boolean.FALSE.equals(graph.userAttributes(user).get("accountEnabled"));
            graph.set(user, "accountEnabled", !enabled);
            log.add((enabled ? "disable " : "enable ") + user);
        }

        private void softDelete(String user) {
            graph.softDelete(user);
            live.remove(user);
            soft.add(user);
            log.add("soft-delete " + user);
        }

        private void restore() {
            if (soft.isEmpty()) {
                return;
            }
            String user = pick(soft);
            graph.restore(user);
            soft.remove(user);
            live.add(user);
            log.add("restore " + user);
        }

        private void hardDelete(String user) {
            graph.delete(user);
            live.remove(user);
            log.add("hard-delete " + user);
        }

        private void duplicateEmail(String user) {
            String other = pick(live);
            if (other.equals(user)) {
                return;
            }
            String mail = String.valueOf(graph.userAttributes(other).get("mail")).toUpperCase(java.util.Locale.ROOT);
            graph.set(user, "mail", mail).set(user, "userPrincipalName", mail);
            tainted.add(user);
            tainted.add(other);
            log.add("duplicate email: " + user + " takes " + other + "'s " + mail);
        }

        private void changeEmail(String user) {
            String mail = user + ".v" + (next++) + "@contoso.org";
            graph.set(user, "mail", mail).set(user, "userPrincipalName", mail);
            log.add("change email of " + user + " to " + mail);
        }

        private <T> T pick(java.util.Collection<T> from) {
            int index = random.nextInt(from.size());
            return from.stream().skip(index).findFirst().orElseThrow();
        }
    }

    private void wipeDatabase() {
        for (String table : List.of("sync_change", "tenant_run_lock", "ticket", "end_user", "mirror_membership",
                "mirror_group", "mirror_user", "mirror_state")) {
            jdbc.update("delete from " + table);
        }
    }

    private static void expectSucceeded(JsonNode run, History history) {
        assertThat(run.get("status").asString()).as(run + "\n" + String.join("\n", history.log)).isEqualTo("SUCCEEDED");
        assertThat(run.get("counts").get("failed").asInt()).as(run.toString()).isZero();
    }

    private JsonNode sync(String mode) {
        return new ApiClient(port).syncAndWait("contoso", mode, false);
    }
}
