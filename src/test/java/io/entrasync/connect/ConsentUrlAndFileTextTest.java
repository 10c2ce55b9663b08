package io.entrasync.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.mapping.MspApp;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

/** The pure parts of the connect flow: the admin-consent URL per cloud and the generated tenant file's text. */
class ConsentUrlAndFileTextTest {

    private static final String CLIENT = "bbbbbbbb-cccc-dddd-eeee-ffffffffffff";

    @Test
    void globalCloud_consentsAtLoginMicrosoftonlineForGraph() {
        MspApp msp = MspApp.of(CLIENT, "/run/secrets/msp", null, null, null, null, null);

        String url = ConnectService.consentUrl(msp, "https://sync.example.com", "s1_-x");

        assertThat(url).isEqualTo("https://login.microsoftonline.com/organizations/v2.0/adminconsent?client_id=" + CLIENT
                + "&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default"
                + "&redirect_uri=https%3A%2F%2Fsync.example.com%2Fconnect%2Fcallback&state=s1_-x");
    }

    @Test
    void nationalAndCustomClouds_useTheirOwnHosts() {
        MspApp usGov = MspApp.of(CLIENT, "/run/secrets/msp", null, null, "usgov", null, null);
        MspApp custom = MspApp.of(CLIENT, "/run/secrets/msp", null, null, "custom", "https://login.example.test/",
                "https://graph.example.test");

        assertThat(ConnectService.consentUrl(usGov, "https://s", "x"))
                .startsWith("https://login.microsoftonline.us/organizations/v2.0/adminconsent?")
                .contains("scope=https%3A%2F%2Fgraph.microsoft.us%2F.default");
        assertThat(ConnectService.consentUrl(custom, "https://s", "x"))
                .startsWith("https://login.example.test/organizations/v2.0/adminconsent?")
                .contains("scope=https%3A%2F%2Fgraph.example.test%2F.default");
    }

    @Test
    void fiveLines_thenPickedSiteRulesBeforeTheTemplates() {
        String five = TenantFileText.render("fabrikam", "t-1", "_msp-default", List.of("Helpdesk Users"), List.of(),
                List.of("{ default: HQ }"));
        String withSites = TenantFileText.render("fabrikam", "t-1", "_msp-default", List.of("Staff"),
                List.of(new TenantFileText.SiteByGroup("Berlin Office", "Berlin")), List.of("{ default: HQ }"));

        assertThat(five.lines()).hasSize(5);
        assertThat(five).doesNotContain("HQ");
        assertThat(withSites).endsWith("sites:\n  - { group: Berlin Office, site: Berlin }\n  - { default: HQ }\n");
    }

    @Test
    void namesYamlWouldReadOtherwise_areQuoted() {
        assertThat(TenantFileText.scalar("Helpdesk Users")).isEqualTo("Helpdesk Users");
        assertThat(TenantFileText.scalar("IT: Staff")).isEqualTo("\"IT: Staff\"");
        assertThat(TenantFileText.scalar("yes")).isEqualTo("\"yes\"");
        assertThat(TenantFileText.scalar("2024")).isEqualTo("\"2024\"");
        assertThat(TenantFileText.scalar("# not a comment")).isEqualTo("\"# not a comment\"");
        assertThat(TenantFileText.scalar("Sales, Marketing")).isEqualTo("\"Sales, Marketing\"");
        assertThat(TenantFileText.scalar("Say \"hi\"")).isEqualTo("\"Say \\\"hi\\\"\"");
    }

    @Test
    void theTemplatesSiteRules_areWrittenAsFlowYamlThatReadsBackTheSame() throws Exception {
        YAMLMapper yaml = YAMLMapper.builder().build();
        JsonNode rule = yaml.readTree("attribute: officeLocation\nmap: { BER: Berlin, \"2024\": \"IT: Staff\" }\n"
                + "groups: [a, b]\ncaseSensitive: true\n");

        String line = TenantFileText.flow(rule);

        assertThat(line).isEqualTo("{ attribute: officeLocation, map: { BER: Berlin, \"2024\": \"IT: Staff\" }, "
                + "groups: [a, b], caseSensitive: true }");
        assertThat(yaml.readTree(line)).isEqualTo(rule);
    }
}
