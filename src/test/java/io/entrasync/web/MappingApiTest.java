package io.entrasync.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.support.ApiClient;
import io.entrasync.support.PostgresIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** GET /api/tenants and POST /api/mappings/validate over real HTTP, with a valid and a broken mapping file. */
@PostgresIntegrationTest
@TestPropertySource(properties = "entra-sync.mappings-dir=src/test/resources/mappings-e2e")
class MappingApiTest {

    private static final String VALID = """
            tenant: demo
            tenantId: 11111111-2222-3333-4444-555555555555
            clientId: aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee
            credentials: { clientSecretEnv: DEMO_SECRET }
            schedule: "0 * * * * ?"
            sites: [ { default: HQ } ]
            """;

    @LocalServerPort
    int port;

    @Test
    void tenants_listsValidAndBrokenFiles() {
        var answer = new ApiClient(port).get("/api/tenants");

        assertThat(answer.status()).isEqualTo(200);
        var tenants = answer.json().get("content");
        assertThat(tenants.size()).isEqualTo(2);
        var contoso = tenants.get(0);
        assertThat(contoso.get("tenant").asText()).isEqualTo("contoso");
        assertThat(contoso.get("file").asText()).isEqualTo("src/test/resources/mappings-e2e/contoso.yaml");
        assertThat(contoso.get("valid").asBoolean()).isTrue();
        assertThat(contoso.get("cloud").asText()).isEqualTo("global");
        assertThat(contoso.get("tenantId").asText()).isEqualTo("11111111-2222-3333-4444-555555555555");
        assertThat(contoso.get("schedule").asText()).isEqualTo("0 */15 * * * ?");
        assertThat(contoso.get("fullSyncSchedule").isNull()).isTrue();
        assertThat(contoso.get("timeZone").asText()).isEqualTo("Europe/Berlin");
        assertThat(contoso.get("errors").size()).isZero();

        var fabrikam = tenants.get(1);
        assertThat(fabrikam.get("tenant").asText()).isEqualTo("fabrikam");
        assertThat(fabrikam.get("valid").asBoolean()).isFalse();
        assertThat(fabrikam.get("cloud").asText()).isEqualTo("china");
        var error = fabrikam.get("errors").get(0);
        assertThat(error.get("file").asText()).isEqualTo("src/test/resources/mappings-e2e/fabrikam.yaml");
        assertThat(error.get("line").asInt()).isEqualTo(6);
        assertThat(error.get("column").asInt()).isEqualTo(11);
        assertThat(error.get("key").asText()).isEqualTo("schedule");
        assertThat(error.get("message").asText()).startsWith("invalid Quartz cron expression '0 */15 * * *'");
    }

    @Test
    void oneTenant_orProblemDetailNamingTheField() {
        assertThat(new ApiClient(port).get("/api/tenants/contoso").json().get("valid").asBoolean()).isTrue();

        var missing = new ApiClient(port).get("/api/tenants/nope");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.header("Content-Type")).startsWith("application/problem+json");
        assertThat(missing.json().get("field").asText()).isEqualTo("tenant");
    }

    @Test
    void tenants_needTheAdminToken() {
        assertThat(new ApiClient(port, null).get("/api/tenants").status()).isEqualTo(401);
    }

    @Test
    void validate_acceptsAValidFile() {
        var answer = new ApiClient(port).post("/api/mappings/validate", "application/yaml", VALID);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("valid").asBoolean()).isTrue();
        assertThat(answer.json().get("tenant").asText()).isEqualTo("demo");
        assertThat(answer.json().get("errors").size()).isZero();
    }

    @Test
    void validate_warnsWhenALoadedFileOfAnotherTenantReadsTheSameDirectory_butNotForItsOwnTenant() {
        var clash = new ApiClient(port).post("/api/mappings/validate?file=demo.yaml", "application/yaml", VALID);
        var ownFile = new ApiClient(port).post("/api/mappings/validate?file=contoso.yaml", "application/yaml",
                VALID.replace("tenant: demo", "tenant: contoso"));
        var otherDirectory = new ApiClient(port).post("/api/mappings/validate", "application/yaml",
                VALID.replace("11111111-", "99999999-"));

        assertThat(clash.json().get("valid").asBoolean()).as("valid on its own").isTrue();
        var warning = clash.json().get("warnings").get(0);
        assertThat(warning.get("file").asText()).isEqualTo("demo.yaml");
        assertThat(warning.get("line").asInt()).isEqualTo(2);
        assertThat(warning.get("key").asText()).isEqualTo("tenantId");
        assertThat(warning.get("message").asText()).isEqualTo("tenantId '11111111-2222-3333-4444-555555555555' in "
                + "cloud global is already synced by src/test/resources/mappings-e2e/contoso.yaml (tenant 'contoso'); "
                + "one directory belongs to one file: deployed beside it, the later of the two by file name is disabled");
        assertThat(ownFile.json().get("warnings").toString()).doesNotContain("\"key\":\"tenantId\"");
        assertThat(otherDirectory.json().get("warnings").toString()).doesNotContain("\"key\":\"tenantId\"");
    }

    /** The answer's warning about a credential reference (others may be there too, e.g. a directory clash). */
    static tools.jackson.databind.JsonNode secretWarning(tools.jackson.databind.JsonNode answer) {
        for (var warning : answer.get("warnings")) {
            if (warning.get("key").asText().startsWith("credentials.")) {
                return warning;
            }
        }
        throw new AssertionError("no credentials warning in " + answer);
    }

    @Test
    void validate_warnsAboutASecretReferenceThatPointsAtNothingHere_withoutMakingTheFileInvalid() {
        var unsetVariable = new ApiClient(port).post("/api/mappings/validate", "application/yaml",
                VALID.replace("DEMO_SECRET", "ENTRA_SYNC_TEST_SECRET_THAT_IS_NOT_SET"));
        var missingFile = new ApiClient(port).post("/api/mappings/validate", "application/yaml", VALID.replace(
                "{ clientSecretEnv: DEMO_SECRET }", "{ clientSecretFile: /nonexistent/demo-secret }"));

        assertThat(unsetVariable.json().get("valid").asBoolean()).isTrue();
        var warning = secretWarning(unsetVariable.json());
        assertThat(warning.get("key").asText()).isEqualTo("credentials.clientSecretEnv");
        assertThat(warning.get("line").asInt()).isEqualTo(4);
        assertThat(warning.get("message").asText()).startsWith("environment variable ENTRA_SYNC_TEST_SECRET_THAT_IS_NOT_SET "
                + "is not set here");
        assertThat(missingFile.json().get("valid").asBoolean()).isTrue();
        assertThat(secretWarning(missingFile.json()).get("message").asText())
                .isEqualTo("clientSecretFile /nonexistent/demo-secret does not exist here; runs fail until it is mounted "
                        + "or created");
    }

    @Test
    void validate_reportsErrorsWithPosition_andAppliesNothing() {
        var answer = new ApiClient(port).post("/api/mappings/validate?file=demo.yaml", "text/plain",
                VALID.replace("sites:", "sitse:"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("valid").asBoolean()).isFalse();
        var errors = answer.json().get("errors");
        assertThat(errors.get(0).get("file").asText()).isEqualTo("demo.yaml");
        assertThat(errors.get(0).get("line").asInt()).isEqualTo(1);
        assertThat(errors.get(0).get("key").asText()).isEqualTo("sites");
        assertThat(errors.get(1).get("line").asInt()).isEqualTo(6);
        assertThat(errors.get(1).get("column").asInt()).isEqualTo(1);
        assertThat(errors.get(1).get("message").asText()).isEqualTo("unknown key 'sitse'; did you mean 'sites'?");
        assertThat(new ApiClient(port).get("/api/tenants/demo").status()).isEqualTo(404);
    }

    @Test
    void validate_acceptsXYaml_andRefusesJsonAsProblemDetail() {
        assertThat(new ApiClient(port).post("/api/mappings/validate", "application/x-yaml", VALID).status())
                .isEqualTo(200);

        var json = new ApiClient(port).post("/api/mappings/validate", "{}");

        assertThat(json.status()).isEqualTo(415);
        assertThat(json.header("Content-Type")).startsWith("application/problem+json");
        assertThat(json.json().get("field").asText()).isEqualTo("Content-Type");
    }
}
