package io.entrasync.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Lints and renders {@code helm/entra-sync} with a real Helm engine (helm-java) and checks the rendered objects.
 * Release {@code sync} in namespace {@code helpdesk}, so resource names are {@code sync-entra-sync…}.
 */
class HelmChartTest {

    private static final Path CHART = Path.of("helm", "entra-sync");
    private static final String FULLNAME = "sync-entra-sync";
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    @TempDir
    Path tmp;

    @Test
    void lint_strict_passesWithDefaults() {
        LintResult result = new Helm(CHART).lint().strict().call();

        assertThat(result.isFailed()).as("lint messages: %s", result.getMessages()).isFalse();
        assertThat(result.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
    }

    @Nested
    class Defaults {

        @Test
        void rendersWorkloadServiceMappingsPdbAndServiceAccount_butNoSecretNorServiceMonitor() {
            Rendered r = render("");

            assertThat(r.kinds()).containsExactlyInAnyOrder(
                    "Deployment", "Service", "ConfigMap", "PodDisruptionBudget", "ServiceAccount");
            assertThat(r.deployment().at("/spec/replicas").asInt()).isEqualTo(2);
            assertThat(r.container().at("/image").asString()).isEqualTo("entra-sync:0.1.0");
        }

        @Test
        void runsOnPostgresWithSimulatorOff() {
            Rendered r = render("");

            assertThat(r.envValue("SPRING_DATASOURCE_URL")).startsWith("jdbc:postgresql:");
            assertThat(r.envValue("ENTRA_SYNC_SIMULATOR_ENABLED")).isEqualTo("false");
            assertThat(r.envValue("SERVER_PORT")).isEqualTo("8080");
            assertThat(r.envValue("JAVA_TOOL_OPTIONS")).contains("-XX:MaxRAMPercentage=");
        }

        @Test
        void probesHitActuatorGroupsOnTheHttpPort() {
            JsonNode c = render("").container();

            assertThat(c.at("/ports/0/containerPort").asInt()).isEqualTo(8080);
            assertThat(c.at("/ports/0/name").asString()).isEqualTo("http");
            assertThat(c.at("/livenessProbe/httpGet/path").asString()).isEqualTo("/actuator/health/liveness");
            assertThat(c.at("/readinessProbe/httpGet/path").asString()).isEqualTo("/actuator/health/readiness");
            assertThat(c.at("/startupProbe/httpGet/path").asString()).isEqualTo("/actuator/health/liveness");
            for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
                assertThat(c.at("/" + probe + "/httpGet/port").asString()).as(probe).isEqualTo("http");
            }
            assertThat(c.at("/startupProbe/failureThreshold").asInt() * c.at("/startupProbe/periodSeconds").asInt())
                    .isGreaterThanOrEqualTo(120);
            assertThat(c.at("/resources/limits/memory").asString()).isNotEmpty();
            assertThat(c.at("/resources/requests/cpu").asString()).isNotEmpty();
        }

        @Test
        void hardenedSecurityContextWithWritableTmpOnly() {
            Rendered r = render("");
            JsonNode sc = r.container().at("/securityContext");
            JsonNode pod = r.deployment().at("/spec/template/spec");

            assertThat(sc.at("/runAsNonRoot").asBoolean()).isTrue();
            assertThat(sc.at("/runAsUser").asInt()).isEqualTo(10001);
            assertThat(sc.at("/readOnlyRootFilesystem").asBoolean()).isTrue();
            assertThat(sc.at("/allowPrivilegeEscalation").asBoolean()).isFalse();
            assertThat(sc.at("/capabilities/drop").toString()).isEqualTo("[\"ALL\"]");
            assertThat(sc.at("/seccompProfile/type").asString()).isEqualTo("RuntimeDefault");
            assertThat(pod.at("/securityContext/seccompProfile/type").asString()).isEqualTo("RuntimeDefault");
            assertThat(pod.at("/automountServiceAccountToken").asBoolean()).isFalse();
            assertThat(r.volume("tmp").has("emptyDir")).isTrue();
            assertThat(r.mount("tmp").at("/mountPath").asString()).isEqualTo("/tmp");
        }

        @Test
        void secretsAreReferencedNeverRendered() {
            Rendered r = render("");

            assertThat(r.kinds()).doesNotContain("Secret");
            assertThat(r.secretRef("ENTRA_SYNC_ADMIN_TOKEN")).isEqualTo(FULLNAME + "-admin-token/token");
            assertThat(r.secretRef("SPRING_DATASOURCE_PASSWORD")).isEqualTo(FULLNAME + "-database/password");
            assertThat(r.plainEnvNames()).containsExactlyInAnyOrder("SERVER_PORT", "ENTRA_SYNC_SIMULATOR_ENABLED",
                    "ENTRA_SYNC_MAPPINGS_DIR", "ENTRA_SYNC_CONNECT_WRITE_FILES", "SPRING_DATASOURCE_URL",
                    "SPRING_DATASOURCE_USERNAME", "JAVA_TOOL_OPTIONS");
        }

        @Test
        void serviceIsClusterIpOn8080() {
            JsonNode svc = render("").one("Service");

            assertThat(svc.at("/spec/type").asString()).isEqualTo("ClusterIP");
            assertThat(svc.at("/spec/ports/0/port").asInt()).isEqualTo(8080);
            assertThat(svc.at("/spec/ports/0/targetPort").asString()).isEqualTo("http");
        }

        @Test
        void emptyMappingsConfigMapMountedReadOnly_podsNotRolledOnMappingChanges() {
            Rendered r = render("");

            assertThat(r.one("ConfigMap").at("/data").size()).isZero();
            assertThat(r.envValue("ENTRA_SYNC_MAPPINGS_DIR")).isEqualTo("/config/mappings");
            assertThat(r.mount("mappings").at("/readOnly").asBoolean()).isTrue();
            assertThat(r.deployment().at("/spec/template/metadata/annotations").isMissingNode()).isTrue();
        }
    }

    @Nested
    class Overrides {

        private static final String CONTOSO = """
                tenant: contoso
                tenantId: 11111111-2222-3333-4444-555555555555
                clientId: aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee
                credentials: { clientSecretEnv: CONTOSO_SECRET }
                schedule: "0 */15 * * * ?"
                sites:
                  - { default: Contoso HQ }
                """;

        private static final String PRODUCTION = """
                replicaCount: 3
                image: { repository: registry.example/entra-sync, tag: "1.2.3" }
                adminToken: { existingSecret: sync-admin, key: api-token }
                database:
                  url: jdbc:postgresql://db.internal:5432/helpdesk
                  existingSecret: helpdesk-db
                  existingSecretPasswordKey: pw
                  existingSecretUsernameKey: user
                tenantSecrets:
                  - { env: CONTOSO_SECRET, secretName: contoso-graph, key: client-secret }
                  - { env: FABRIKAM_SECRET, secretName: fabrikam-graph, key: secret }
                tenantSecretFiles:
                  - { name: fabrikam-cert, secretName: fabrikam-graph-cert }
                  - name: tailspin-cert
                    secretName: tailspin-graph
                    items: [{ key: tls.key, path: private.key }]
                mappings:
                  contoso.yaml: |
                %s""".formatted(CONTOSO.indent(4));

        @Test
        void productionValues_renderReplicasImageAndSecretReferences() {
            Rendered r = render(PRODUCTION);

            assertThat(r.deployment().at("/spec/replicas").asInt()).isEqualTo(3);
            assertThat(r.container().at("/image").asString()).isEqualTo("registry.example/entra-sync:1.2.3");
            assertThat(r.secretRef("ENTRA_SYNC_ADMIN_TOKEN")).isEqualTo("sync-admin/api-token");
            assertThat(r.secretRef("SPRING_DATASOURCE_PASSWORD")).isEqualTo("helpdesk-db/pw");
            assertThat(r.secretRef("SPRING_DATASOURCE_USERNAME")).isEqualTo("helpdesk-db/user");
            assertThat(r.envValue("SPRING_DATASOURCE_URL")).isEqualTo("jdbc:postgresql://db.internal:5432/helpdesk");
            assertThat(r.secretRef("CONTOSO_SECRET")).isEqualTo("contoso-graph/client-secret");
            assertThat(r.secretRef("FABRIKAM_SECRET")).isEqualTo("fabrikam-graph/secret");
            assertThat(r.kinds()).doesNotContain("Secret");
        }

        @Test
        void alertChannels_webhookUrlAndSmtpPasswordFromSecrets_restPlain() {
            Rendered r = render("""
                    alerts:
                      webhook: { existingSecret: teams-webhook, key: incoming-url }
                      pageUrl: https://sync.internal.example/#alerts
                      email:
                        to: [ops@example.org, lead@example.org]
                        from: entra-sync@example.org
                        smtp: { host: smtp.example.org, port: 2525, username: sync, existingSecret: smtp-auth }
                    """);

            assertThat(r.secretRef("ENTRA_SYNC_ALERTS_WEBHOOK_URL")).isEqualTo("teams-webhook/incoming-url");
            assertThat(r.secretRef("SPRING_MAIL_PASSWORD")).isEqualTo("smtp-auth/password");
            assertThat(r.envValue("ENTRA_SYNC_ALERTS_PAGE_URL")).isEqualTo("https://sync.internal.example/#alerts");
            assertThat(r.envValue("ENTRA_SYNC_ALERTS_EMAIL_TO")).isEqualTo("ops@example.org,lead@example.org");
            assertThat(r.envValue("ENTRA_SYNC_ALERTS_EMAIL_FROM")).isEqualTo("entra-sync@example.org");
            assertThat(r.envValue("SPRING_MAIL_HOST")).isEqualTo("smtp.example.org");
            assertThat(r.envValue("SPRING_MAIL_PORT")).isEqualTo("2525");
            assertThat(r.envValue("SPRING_MAIL_USERNAME")).isEqualTo("sync");
            assertThat(r.envValue("SPRING_MAIL_PROPERTIES_MAIL_SMTP_STARTTLS_REQUIRED")).isEqualTo("true");
            assertThat(r.kinds()).doesNotContain("Secret");
        }

        @Test
        void alertChannels_offByDefault() {
            List<String> env = render("").plainEnvNames();

            assertThat(env).doesNotContain("ENTRA_SYNC_ALERTS_EMAIL_TO", "SPRING_MAIL_HOST");
            assertThat(render("").container().at("/env").toString()).doesNotContain("ENTRA_SYNC_ALERTS_WEBHOOK_URL");
        }

        @Test
        void tenantSecretFiles_mountedReadOnlyUnderConfigSecrets() {
            Rendered r = render(PRODUCTION);

            assertThat(r.mount("secret-fabrikam-cert").at("/mountPath").asString())
                    .isEqualTo("/config/secrets/fabrikam-cert");
            assertThat(r.mount("secret-fabrikam-cert").at("/readOnly").asBoolean()).isTrue();
            assertThat(r.volume("secret-fabrikam-cert").at("/secret/secretName").asString())
                    .isEqualTo("fabrikam-graph-cert");
            assertThat(r.volume("secret-tailspin-cert").at("/secret/items/0/path").asString())
                    .isEqualTo("private.key");
        }

        @Test
        void mappings_renderedVerbatimIntoConfigMapMountedAsMappingsDir() {
            Rendered r = render(PRODUCTION);
            JsonNode configMap = r.one("ConfigMap");

            assertThat(configMap.at("/metadata/name").asString()).isEqualTo(FULLNAME + "-mappings");
            assertThat(configMap.at("/data/contoso.yaml").asString()).isEqualTo(CONTOSO);
            assertThat(r.volume("mappings").at("/configMap/name").asString()).isEqualTo(FULLNAME + "-mappings");
            assertThat(r.mount("mappings").at("/mountPath").asString()).isEqualTo("/config/mappings");
            assertThat(r.envValue("ENTRA_SYNC_MAPPINGS_DIR")).isEqualTo("/config/mappings");
        }

        @Test
        void existingMappingsConfigMap_mountedInsteadOfChartConfigMap() {
            Rendered r = render("existingMappingsConfigMap: helpdesk-mappings\n");

            assertThat(r.kinds()).doesNotContain("ConfigMap");
            assertThat(r.volume("mappings").at("/configMap/name").asString()).isEqualTo("helpdesk-mappings");
        }

        @Test
        void rollOnMappingsChange_addsChecksumThatFollowsTheMappings() {
            String roll = "rollOnMappingsChange: true\nmappings:\n  a.yaml: |\n    tenant: %s\n";

            String first = checksum(render(roll.formatted("a")));
            String same = checksum(render(roll.formatted("a")));
            String changed = checksum(render(roll.formatted("b")));

            assertThat(first).hasSize(64).isEqualTo(same).isNotEqualTo(changed);
        }

        @Test
        void podDisruptionBudget_onlyWithMoreThanOneReplica() {
            assertThat(render("replicaCount: 1\n").kinds()).doesNotContain("PodDisruptionBudget");

            JsonNode pdb = render("replicaCount: 3\n").one("PodDisruptionBudget");
            assertThat(pdb.at("/spec/minAvailable").asInt()).isEqualTo(1);
            assertThat(pdb.at("/spec/selector/matchLabels/app.kubernetes.io~1instance").asString()).isEqualTo("sync");
        }

        @Test
        void serviceMonitor_whenEnabled_scrapesPrometheusWithAdminToken() {
            Rendered r = render("serviceMonitor: { enabled: true, labels: { release: prom } }\n");
            JsonNode endpoint = r.one("ServiceMonitor").at("/spec/endpoints/0");

            assertThat(r.one("ServiceMonitor").at("/apiVersion").asString()).isEqualTo("monitoring.coreos.com/v1");
            assertThat(r.one("ServiceMonitor").at("/metadata/labels/release").asString()).isEqualTo("prom");
            assertThat(endpoint.at("/path").asString()).isEqualTo("/actuator/prometheus");
            assertThat(endpoint.at("/port").asString()).isEqualTo("http");
            assertThat(endpoint.at("/authorization/type").asString()).isEqualTo("Bearer");
            assertThat(endpoint.at("/authorization/credentials/name").asString()).isEqualTo(FULLNAME + "-admin-token");
            assertThat(endpoint.at("/authorization/credentials/key").asString()).isEqualTo("token");
            assertThat(r.one("ServiceMonitor").at("/spec/selector/matchLabels/app.kubernetes.io~1name").asString())
                    .isEqualTo("entra-sync");
        }

        @Test
        void adminTokenValue_explicitlySet_createsSecretTheDeploymentReads() {
            Rendered r = render("adminToken: { value: not-for-production-0123456789abcdef }\n");
            JsonNode secret = r.one("Secret");

            assertThat(secret.at("/metadata/name").asString()).isEqualTo(FULLNAME + "-admin-token");
            assertThat(secret.at("/data/token").asString()).isEqualTo(java.util.Base64.getEncoder()
                    .encodeToString("not-for-production-0123456789abcdef".getBytes()));
            assertThat(r.secretRef("ENTRA_SYNC_ADMIN_TOKEN")).isEqualTo(FULLNAME + "-admin-token/token");
        }
    }

    @Nested
    class Auth {

        @Test
        void issuerAndAudience_renderedAsEnv() {
            Rendered r = render("auth: { issuerUri: 'https://login.microsoftonline.com/t1/v2.0', "
                    + "audience: aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee }\n");

            assertThat(r.envValue("ENTRA_SYNC_AUTH_ISSUER_URI")).isEqualTo("https://login.microsoftonline.com/t1/v2.0");
            assertThat(r.envValue("ENTRA_SYNC_AUTH_AUDIENCE")).isEqualTo("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee");
            assertThat(r.secretRef("ENTRA_SYNC_ADMIN_TOKEN")).isEqualTo(FULLNAME + "-admin-token/token");
        }

        @Test
        void pageSignIn_clientIdAndTheSecretFromASecret_secureCookieBehindTheProxy() {
            Rendered r = render("auth: { issuerUri: 'https://login.microsoftonline.com/t1/v2.0', audience: api-client,"
                    + " clientId: web-client, clientSecret: { existingSecret: entra-sync-sign-in } }\n");

            assertThat(r.envValue("ENTRA_SYNC_AUTH_CLIENT_ID")).isEqualTo("web-client");
            assertThat(r.secretRef("ENTRA_SYNC_AUTH_CLIENT_SECRET")).isEqualTo("entra-sync-sign-in/client-secret");
            assertThat(r.envValue("SERVER_SERVLET_SESSION_COOKIE_SECURE")).isEqualTo("true");
            assertThat(r.envValue("SERVER_FORWARD_HEADERS_STRATEGY")).isEqualTo("native");
            assertThat(r.kinds()).as("the secret is referenced, never rendered").doesNotContain("Secret")
                    .isNotEmpty();
        }

        @Test
        void pageSignIn_withoutSecret_isAPublicClient_andNeedsTheIssuer() {
            Rendered r = render("auth: { issuerUri: 'https://login.microsoftonline.com/t1/v2.0', audience: api-client,"
                    + " clientId: web-client }\n");

            assertThat(r.envValue("ENTRA_SYNC_AUTH_CLIENT_ID")).isEqualTo("web-client");
            assertThat(r.plainEnvNames()).doesNotContain("ENTRA_SYNC_AUTH_CLIENT_SECRET");
            assertThat(r.container().at("/env").toString()).doesNotContain("ENTRA_SYNC_AUTH_CLIENT_SECRET");
            assertThat(render("").container().at("/env").toString()).doesNotContain("ENTRA_SYNC_AUTH_CLIENT_ID");
            assertThatThrownBy(() -> render("auth: { clientId: web-client }\n"))
                    .hasMessageContaining("auth.clientId needs auth.issuerUri");
        }

        @Test
        void adminTokenSwitchedOff_readsNoTokenSecret_andTellsTheService() {
            Rendered r = render("adminToken: { enabled: false }\n"
                    + "auth: { issuerUri: 'https://login.microsoftonline.com/t1/v2.0', audience: api-client }\n");

            assertThat(r.envValue("ENTRA_SYNC_AUTH_ADMIN_TOKEN_ENABLED")).isEqualTo("false");
            assertThat(r.plainEnvNames()).doesNotContain("ENTRA_SYNC_ADMIN_TOKEN");
            assertThat(r.container().at("/env").toString()).doesNotContain("ENTRA_SYNC_ADMIN_TOKEN\"");
            assertThat(r.kinds()).doesNotContain("Secret");
        }

        @Test
        void serviceMonitor_withoutTheAdminToken_scrapesWithItsOwnKey() {
            Rendered r = render("adminToken: { enabled: false }\n"
                    + "serviceMonitor: { enabled: true, bearerTokenSecret: { name: scrape-key, key: key } }\n");
            JsonNode endpoint = r.one("ServiceMonitor").at("/spec/endpoints/0");

            assertThat(endpoint.at("/authorization/credentials/name").asString()).isEqualTo("scrape-key");
            assertThat(endpoint.at("/authorization/credentials/key").asString()).isEqualTo("key");
            assertThatThrownBy(() -> render("adminToken: { enabled: false }\nserviceMonitor: { enabled: true }\n"))
                    .hasMessageContaining("serviceMonitor.bearerTokenSecret.name is required");
        }

        @Test
        void issuerWithoutAudience_andAShortTokenValue_areRefused() {
            assertThatThrownBy(() -> render("auth: { issuerUri: 'https://login.microsoftonline.com/t1/v2.0' }\n"))
                    .hasMessageContaining("auth.audience is required");
            assertThatThrownBy(() -> render("adminToken: { value: short }\n"))
                    .hasMessageContaining("adminToken.value must be at least 32 characters");
        }
    }

    @Nested
    class Refused {

        @Test
        void adminTokenValueTogetherWithExistingSecret() {
            assertThatThrownBy(() -> render("adminToken: { existingSecret: a, value: b }\n"))
                    .hasMessageContaining("adminToken: set either existingSecret or value, not both");
        }

        @Test
        void nonPostgresDatabaseUrl() {
            assertThatThrownBy(() -> render("database: { url: 'jdbc:h2:file:./data/entra-sync' }\n"))
                    .hasMessageContaining("database.url must be a jdbc:postgresql: URL");
        }

        @Test
        void mappingFileNameWithoutYamlSuffix() {
            assertThatThrownBy(() -> render("mappings: { contoso.txt: 'tenant: contoso' }\n"))
                    .hasMessageContaining("mappings.contoso.txt: mapping file names must end in .yaml or .yml");
        }

        @Test
        void tenantSecretWithoutKey() {
            assertThatThrownBy(() -> render("tenantSecrets: [{ env: X_SECRET, secretName: x }]\n"))
                    .hasMessageContaining("tenantSecrets[0]: env, secretName and key are required");
        }
    }

    @Nested
    class MspApp {

        @Test
        void clientIdAndSecretFile_fromAMountedSecret_neverAnEnvValueOfTheSecret() {
            Rendered r = render("mspApp: { clientId: bbbbbbbb-cccc-dddd-eeee-ffffffffffff, secretName: msp-app }\n");

            assertThat(r.envValue("ENTRA_SYNC_MSP_CLIENT_ID")).isEqualTo("bbbbbbbb-cccc-dddd-eeee-ffffffffffff");
            assertThat(r.envValue("ENTRA_SYNC_MSP_CLOUD")).isEqualTo("global");
            assertThat(r.envValue("ENTRA_SYNC_MSP_CLIENT_SECRET_FILE")).isEqualTo("/config/msp-app/client-secret");
            assertThat(r.plainEnvNames()).doesNotContain("ENTRA_SYNC_MSP_CERTIFICATE_FILE",
                    "ENTRA_SYNC_MSP_AUTHORITY_HOST");
            assertThat(r.mount("msp-app").at("/mountPath").asString()).isEqualTo("/config/msp-app");
            assertThat(r.mount("msp-app").at("/readOnly").asBoolean()).isTrue();
            assertThat(r.volume("msp-app").at("/secret/secretName").asString()).isEqualTo("msp-app");
            assertThat(r.kinds()).doesNotContain("Secret");
        }

        @Test
        void certificateCredential_andCustomCloud() {
            Rendered r = render("""
                    mspApp:
                      clientId: bbbbbbbb-cccc-dddd-eeee-ffffffffffff
                      secretName: msp-app-cert
                      certificateKey: tls.crt
                      cloud: custom
                      authorityHost: https://login.example.test
                      graphEndpoint: https://graph.example.test
                    """);

            assertThat(r.envValue("ENTRA_SYNC_MSP_CERTIFICATE_FILE")).isEqualTo("/config/msp-app/tls.crt");
            assertThat(r.envValue("ENTRA_SYNC_MSP_PRIVATE_KEY_FILE")).isEqualTo("/config/msp-app/tls.key");
            assertThat(r.envValue("ENTRA_SYNC_MSP_AUTHORITY_HOST")).isEqualTo("https://login.example.test");
            assertThat(r.envValue("ENTRA_SYNC_MSP_GRAPH_ENDPOINT")).isEqualTo("https://graph.example.test");
            assertThat(r.plainEnvNames()).doesNotContain("ENTRA_SYNC_MSP_CLIENT_SECRET_FILE");
        }

        @Test
        void connect_publicUrlWhenGiven_andTenantFilesNeverWrittenIntoTheReadOnlyConfigMap() {
            Rendered plain = render("");
            Rendered withUrl = render("connect: { publicUrl: 'https://sync.internal.example' }\n");

            assertThat(plain.envValue("ENTRA_SYNC_CONNECT_WRITE_FILES")).isEqualTo("false");
            assertThat(plain.plainEnvNames()).doesNotContain("ENTRA_SYNC_PUBLIC_URL");
            assertThat(withUrl.envValue("ENTRA_SYNC_PUBLIC_URL")).isEqualTo("https://sync.internal.example");
            assertThat(withUrl.mount("mappings").at("/readOnly").asBoolean()).isTrue();
        }

        @Test
        void notConfigured_byDefault_andRefusedWithoutItsSecret() {
            assertThat(render("").plainEnvNames()).noneMatch(name -> name.startsWith("ENTRA_SYNC_MSP_"));
            assertThatThrownBy(() -> render("mspApp: { clientId: bbbbbbbb-cccc-dddd-eeee-ffffffffffff }\n"))
                    .hasMessageContaining("mspApp.secretName is required with mspApp.clientId");
            assertThatThrownBy(() -> render("mspApp: { clientId: b, secretName: s, cloud: custom }\n"))
                    .hasMessageContaining("mspApp.cloud custom needs mspApp.authorityHost and mspApp.graphEndpoint");
        }
    }

    @Nested
    class Notifications {

        @Test
        void byDefault_noWebhookIngressAndNoPublicUrl_scheduledDeltasOnly() {
            Rendered r = render("");

            assertThat(r.kinds()).doesNotContain("Ingress");
            assertThat(r.container().at("/env")).noneMatch(e -> e.at("/name").asString()
                    .equals("ENTRA_SYNC_NOTIFICATIONS_PUBLIC_BASE_URL"));
        }

        @Test
        void webhookIngress_exposesOnlyTheWebhookPaths_andGivesTheServiceItsPublicUrl() {
            Rendered r = render("notifications: { ingress: { enabled: true, className: nginx, host: sync.example.org,"
                    + " tlsSecretName: sync-tls } }\n");
            JsonNode ingress = r.one("Ingress");

            assertThat(ingress.at("/spec/ingressClassName").asString()).isEqualTo("nginx");
            assertThat(ingress.at("/spec/tls/0/secretName").asString()).isEqualTo("sync-tls");
            JsonNode paths = ingress.at("/spec/rules/0/http/paths");
            assertThat(paths).extracting(p -> p.at("/path").asString())
                    .containsExactly("/webhooks/graph", "/webhooks/graph/lifecycle");
            assertThat(paths).allMatch(p -> p.at("/pathType").asString().equals("Exact")
                    && p.at("/backend/service/name").asString().equals(FULLNAME)
                    && p.at("/backend/service/port/name").asString().equals("http"));
            assertThat(r.envValue("ENTRA_SYNC_NOTIFICATIONS_PUBLIC_BASE_URL")).isEqualTo("https://sync.example.org");
        }

        @Test
        void publicBaseUrl_withoutIngress_isPassedOn() {
            Rendered r = render("notifications: { publicBaseUrl: 'https://edge.example.org' }\n");

            assertThat(r.kinds()).doesNotContain("Ingress");
            assertThat(r.envValue("ENTRA_SYNC_NOTIFICATIONS_PUBLIC_BASE_URL")).isEqualTo("https://edge.example.org");
        }

        @Test
        void webhookIngressWithoutHost_isRefused() {
            assertThatThrownBy(() -> render("notifications: { ingress: { enabled: true } }\n"))
                    .hasMessageContaining("notifications.ingress.host is required");
        }
    }

    private Rendered render(String values) {
        try {
            Path file = Files.createTempFile(tmp, "values", ".yaml");
            Files.writeString(file, values);
            String manifest = new Helm(CHART).template()
                    .withName("sync")
                    .withNamespace("helpdesk")
                    .withValuesFile(file)
                    .call();
            List<JsonNode> docs = YAML.readerFor(JsonNode.class).<JsonNode>readValues(manifest).readAll().stream()
                    .filter(doc -> doc != null && doc.isObject())
                    .toList();
            return new Rendered(docs);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String checksum(Rendered r) {
        return r.deployment().at("/spec/template/metadata/annotations/checksum~1mappings").asString();
    }

    /** The objects of one rendering, with look-ups into the single Deployment's only container. */
    private record Rendered(List<JsonNode> objects) {

        List<String> kinds() {
            return objects.stream().map(o -> o.at("/kind").asString()).toList();
        }

        JsonNode one(String kind) {
            List<JsonNode> found = objects.stream().filter(o -> kind.equals(o.at("/kind").asString())).toList();
            assertThat(found).as("objects of kind %s", kind).hasSize(1);
            return found.get(0);
        }

        JsonNode deployment() {
            return one("Deployment");
        }

        JsonNode container() {
            JsonNode containers = deployment().at("/spec/template/spec/containers");
            assertThat(containers.size()).isEqualTo(1);
            return containers.get(0);
        }

        JsonNode volume(String name) {
            return named(deployment().at("/spec/template/spec/volumes"), name);
        }

        JsonNode mount(String name) {
            return named(container().at("/volumeMounts"), name);
        }

        JsonNode env(String name) {
            return named(container().at("/env"), name);
        }

        String envValue(String name) {
            JsonNode env = env(name);
            assertThat(env.has("value")).as("%s has a plain value", name).isTrue();
            return env.at("/value").asString();
        }

        /** {@code secretName/key} of an env var read from a Secret. */
        String secretRef(String name) {
            JsonNode ref = env(name).at("/valueFrom/secretKeyRef");
            assertThat(ref.isObject()).as("%s is read from a Secret", name).isTrue();
            assertThat(env(name).has("value")).as("%s has no plain value", name).isFalse();
            return ref.at("/name").asString() + "/" + ref.at("/key").asString();
        }

        List<String> plainEnvNames() {
            return StreamSupport.stream(container().at("/env").spliterator(), false)
                    .filter(e -> e.has("value"))
                    .map(e -> e.at("/name").asString())
                    .toList();
        }

        private static JsonNode named(JsonNode list, String name) {
            Map<String, JsonNode> byName = StreamSupport.stream(list.spliterator(), false)
                    .collect(Collectors.toMap(n -> n.at("/name").asString(), n -> n));
            return Optional.ofNullable(byName.get(name))
                    .orElseThrow(() -> new AssertionError(name + " not found among " + byName.keySet()));
        }
    }
}
