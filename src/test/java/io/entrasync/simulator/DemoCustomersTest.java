package io.entrasync.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The demo's customers fit the demo's template: every group {@code mappings/_msp-default.yaml} names exists in each
 * of them (the connection check after consent fails on a missing group), and their office codes are mapped.
 */
class DemoCustomersTest {

    @Test
    void everyGroupTheDemoTemplateNames_existsInEachDemoCustomer() throws Exception {
        JsonNode template = YAMLMapper.builder().build().readTree(Files.readString(Path.of("mappings",
                "_msp-default.yaml")));
        List<String> groups = new ArrayList<>();
        template.path("scope").path("groups").forEach(g -> groups.add(g.asString()));
        template.path("sites").forEach(rule -> {
            if (rule.has("group")) {
                groups.add(rule.get("group").asString());
            }
        });
        groups.add(template.path("mainSiteUsers").path("group").asString());
        groups.add(template.path("tickets").path("autoTicketDisabledGroup").asString());
        JsonNode codes = null;
        for (JsonNode rule : template.path("sites")) {
            if (rule.has("map")) {
                codes = rule.get("map");
            }
        }

        assertThat(groups).hasSizeGreaterThanOrEqualTo(5).doesNotContain("");
        assertThat(CustomerTenant.DEMO).hasSize(2);
        for (CustomerTenant customer : CustomerTenant.DEMO) {
            TenantDirectory directory = new TenantDirectory(customer.tenantId(), customer.shape());
            assertThat(groups).allSatisfy(group -> assertThat(directory.groupIndex(group))
                    .as(customer.displayName() + " has group " + group).isNotNegative());
            for (String code : directory.layout.siteCodes) {
                assertThat(codes.has(code)).as(customer.displayName() + " office code " + code + " is mapped").isTrue();
            }
            assertThat(directory.stats().users()).isBetween(24, 99);
        }
    }
}
