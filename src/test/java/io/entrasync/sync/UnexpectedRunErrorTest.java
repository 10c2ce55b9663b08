package io.entrasync.sync;

import static io.entrasync.support.FakeDirectory.person;
import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.graph.GraphDirectorySource;
import io.entrasync.source.DeltaOutcome;
import io.entrasync.source.DirectorySource;
import io.entrasync.source.GroupPage;
import io.entrasync.source.TenantConnection;
import io.entrasync.source.UserPage;
import io.entrasync.support.ApiClient;
import io.entrasync.support.FakeDirectory;
import io.entrasync.support.GraphEndToEndTest;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A run stopped by an exception nobody expected (a bug) ends FAILED with an error in plain words for the admin who
 * reads it on the page; the exception's class and stack trace go to the log line only. The bug is played by a
 * directory source that throws an IllegalStateException while the groups are read, around the real Graph source.
 */
@GraphEndToEndTest
@ExtendWith(OutputCaptureExtension.class)
class UnexpectedRunErrorTest {

    static final FakeDirectory graph = new FakeDirectory(2);
    static final Path MAPPINGS = Path.of("target", "e2e-unexpected", "mappings");

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void mappings(DynamicPropertyRegistry registry) {
        String dir = graph.writeMapping(MAPPINGS, "buggy", """
                scope: { groups: [All Staff] }
                sites:
                  - { default: Buggy HQ }
                """);
        registry.add("entra-sync.mappings-dir", () -> dir);
    }

    @AfterAll
    static void stop() {
        graph.stop();
    }

    /** The real Graph source, but reading groups fails the way a bug would. */
    @TestConfiguration
    static class BuggyGroups {
        @Bean
        @Primary
        DirectorySource buggyGroups(GraphDirectorySource real) {
            return new DirectorySource() {
                @Override
                public DeltaOutcome readUsers(TenantConnection tenant, String deltaLink, boolean priorityLow,
                                              Consumer<UserPage> pages) {
                    return real.readUsers(tenant, deltaLink, priorityLow, pages);
                }

                @Override
                public DeltaOutcome readGroups(TenantConnection tenant, String deltaLink, boolean priorityLow,
                                               Consumer<GroupPage> pages) {
                    throw new IllegalStateException("group page 2 arrived before page 1");
                }

                @Override
                public boolean userExists(TenantConnection tenant, String userId) {
                    return real.userExists(tenant, userId);
                }

                @Override
                public java.util.Set<String> missingUsers(TenantConnection tenant,
                                                          java.util.Collection<String> userIds) {
                    return real.missingUsers(tenant, userIds);
                }
            };
        }
    }

    @Test
    void anUnexpectedException_failsTheRunInPlainWords_andLogsItsClassWithTheStackTrace(CapturedOutput log) {
        graph.group("g-all", "All Staff").user("b1", person("Ben", "Bug", "ben@buggy.example", null))
                .member("g-all", "b1");
        graph.publish();
        ApiClient api = new ApiClient(port);

        JsonNode run = api.syncAndWait("buggy", "FULL", false);

        long id = run.get("id").asLong();
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("FAILED");
        assertThat(run.get("error").asString()).isEqualTo("an unexpected error inside entra-sync stopped the run; it "
                + "was rolled back and nothing was applied (the next run tries again). The service log has the "
                + "details at WARN under 'sync run " + id + "': group page 2 arrived before page 1");
        assertThat(run.get("error").asString()).doesNotContain("Exception");
        assertThat(api.get("/api/users?tenant=buggy").json().get("content")).as("nothing applied").isEmpty();
        assertThat(log.getOut() + log.getErr())
                .contains("sync run " + id + " of tenant 'buggy' failed on an unexpected error "
                        + "(java.lang.IllegalStateException)")
                .contains("java.lang.IllegalStateException: group page 2 arrived before page 1")
                .contains("\tat io.entrasync.sync.");
    }
}
