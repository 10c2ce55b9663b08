package io.entrasync.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The webhook URL is a secret: neither a refusal nor {@code toString()} ever shows more than its host. */
class AlertPropertiesTest {

    static AlertProperties withWebhook(String url) {
        return new AlertProperties(url, null, List.of(), null, Duration.ofDays(1), Duration.ofMinutes(1),
                Duration.ofSeconds(30), 6);
    }

    @Test
    void toString_showsOnlyTheWebhooksHost() {
        AlertProperties properties = withWebhook("https://hooks.slack.example/services/T0/B0/s3cr3t");

        assertThat(properties.toString()).contains("hooks.slack.example").doesNotContain("s3cr3t", "/services");
        assertThat(properties.webhookHost()).isEqualTo("hooks.slack.example");
    }

    @Test
    void aMalformedWebhookUrl_isRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> withWebhook("https://hooks.example/s3cr3t path"))
                .hasMessageContaining("entra-sync.alerts.webhook-url is not a valid URL")
                .hasMessageNotContaining("s3cr3t");
        assertThatThrownBy(() -> withWebhook("ftp://hooks.example/s3cr3t"))
                .hasMessageContaining("absolute http(s) URL").hasMessageNotContaining("s3cr3t");
    }

    @Test
    void emailRecipientsNeedASender() {
        assertThatThrownBy(() -> new AlertProperties(null, null, List.of("ops@example.org"), " ",
                Duration.ofDays(1), Duration.ofMinutes(1), Duration.ofSeconds(30), 6))
                .hasMessageContaining("entra-sync.alerts.email-from is required");
    }

    @Test
    void anUnreachableWebhook_namesItsHostOnly() {
        WebhookSender sender = new WebhookSender(java.net.URI.create("http://127.0.0.1:9/services/s3cr3t"), null);
        Alert alert = new Alert(1, "acme", TenantCondition.HELD, Alert.Event.OPENED, "why", java.time.Instant.now());

        assertThatThrownBy(() -> sender.send(alert)).isInstanceOf(AlertSender.DeliveryException.class)
                .hasMessageContaining("webhook at host 127.0.0.1").hasMessageNotContaining("s3cr3t");
    }
}
