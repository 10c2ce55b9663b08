package io.entrasync.mapping;

import static io.entrasync.mapping.TestMappings.HEADER;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The mapping key {@code notifications: { enabled, publicUrl }}: defaults, binding, line-precise errors. */
class NotificationsMappingTest {

    private static final String SITES = "sites: [ { default: HQ } ]\n";
    private final MappingLoader loader = new MappingLoader();

    private List<String> errors(String yaml) {
        return loader.load("contoso.yaml", yaml).errors().stream().map(MappingError::toString).toList();
    }

    @Test
    void absent_meansEnabledWithTheServiceWideUrl() {
        assertThat(loader.load("c.yaml", HEADER + SITES).mapping().notifications()).isEqualTo(Notifications.DEFAULTS);
    }

    @Test
    void enabledAndPublicUrl_areBound() {
        TenantMapping mapping = loader.load("c.yaml", HEADER + SITES
                + "notifications: { enabled: true, publicUrl: https://sync.contoso.example }\n").mapping();

        assertThat(mapping.notifications()).isEqualTo(new Notifications(true, URI.create("https://sync.contoso.example")));
    }

    @Test
    void optOut_isBound() {
        TenantMapping mapping = loader.load("c.yaml", HEADER + SITES + "notifications:\n  enabled: false\n").mapping();

        assertThat(mapping.notifications().enabled()).isFalse();
    }

    @Test
    void plainHttpOnAPublicHost_isRefusedAtItsLine() {
        assertThat(errors(HEADER + SITES + "notifications:\n  publicUrl: http://sync.contoso.example\n"))
                .containsExactly("contoso.yaml:8:14: notifications.publicUrl: 'http://sync.contoso.example' is not a "
                        + "public base URL: Graph calls https only, e.g. https://sync.example.org (no path; the "
                        + "service adds /webhooks/graph)");
    }

    @Test
    void urlWithAPath_isRefused() {
        assertThat(errors(HEADER + SITES + "notifications: { publicUrl: 'https://sync.example.org/webhooks/graph' }\n"))
                .singleElement().asString().startsWith("contoso.yaml:7:").contains("notifications.publicUrl");
    }

    @Test
    void unknownKey_isNamedWithItsPath() {
        assertThat(errors(HEADER + SITES + "notifications:\n  enable: false\n")).singleElement().asString()
                .startsWith("contoso.yaml:8:3: notifications.enable: unknown key 'enable'; did you mean 'enabled'?");
    }
}
