package io.entrasync.alert;

import io.entrasync.fleet.FleetProperties;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code entra-sync.alerts.*}. No channel configured: conditions are still tracked, shown by
 * {@code GET /api/alerts} and published as gauges, but nothing is sent.
 *
 * @param webhookUrl        JSON webhook (Teams, Slack or any receiver; {@code ENTRA_SYNC_ALERTS_WEBHOOK_URL}). A
 *                          secret: its path authorizes posting; only its host is ever logged or shown. Bound as
 *                          text and parsed here, so that a malformed value is never echoed by a binding error
 * @param pageUrl           the admin page the alerts link to ({@code ENTRA_SYNC_ALERTS_PAGE_URL}); unset: the
 *                          public base URL of change notifications, if any
 * @param emailTo           recipients of alert e-mail ({@code ENTRA_SYNC_ALERTS_EMAIL_TO}, comma-separated); needs
 *                          {@code spring.mail.host}
 * @param emailFrom         sender address of alert e-mail ({@code ENTRA_SYNC_ALERTS_EMAIL_FROM})
 * @param holdReminderAfter a held plan waiting longer than this sends a reminder
 * @param interval          how often conditions are evaluated and due alerts delivered
 * @param initialBackoff    the wait after a failed delivery; doubled after each further failure, at most 1 hour
 * @param maxAttempts       deliveries tried this often are recorded FAILED
 */
@ConfigurationProperties("entra-sync.alerts")
public record AlertProperties(String webhookUrl, URI pageUrl, List<String> emailTo, String emailFrom,
                              @DefaultValue("1d") Duration holdReminderAfter,
                              @DefaultValue("1m") Duration interval, @DefaultValue("30s") Duration initialBackoff,
                              @DefaultValue("6") int maxAttempts) {

    public AlertProperties {
        emailTo = emailTo == null ? List.of() : emailTo.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        webhookUrl = webhookUrl == null || webhookUrl.isBlank() ? null : webhookUrl.trim();
        URI webhook = webhookUrl == null ? null : parse(webhookUrl);
        if (webhook != null && (!webhook.isAbsolute() || webhook.getHost() == null
                || !List.of("http", "https").contains(webhook.getScheme()))) {
            throw new IllegalArgumentException("entra-sync.alerts.webhook-url must be an absolute http(s) URL, "
                    + "was a URL of host '" + (webhook.getHost() == null ? "?" : webhook.getHost()) + "'");
        }
        if (!emailTo.isEmpty() && (emailFrom == null || emailFrom.isBlank())) {
            throw new IllegalArgumentException("entra-sync.alerts.email-from is required when "
                    + "entra-sync.alerts.email-to is set");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("entra-sync.alerts.max-attempts must be at least 1, was " + maxAttempts);
        }
        positive("interval", interval);
        positive("initial-backoff", initialBackoff);
        positive("hold-reminder-after", holdReminderAfter);
    }

    private static URI parse(String url) {
        try {
            return new URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("entra-sync.alerts.webhook-url is not a valid URL (the value is a "
                    + "secret and not shown; the problem is at character " + e.getIndex() + ")");
        }
    }

    /** The webhook's URL; null when none is configured. */
    public URI webhook() {
        return webhookUrl == null ? null : URI.create(webhookUrl);
    }

    private static void positive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("entra-sync.alerts." + name + " must be positive, was " + value);
        }
    }

    /** The webhook's host, the only part of its URL that may be logged. */
    public String webhookHost() {
        return webhookUrl == null ? null : webhook().getHost();
    }

    /** The rules, with "failing" as the fleet view counts it ({@code entra-sync.fleet.failing-after}). */
    ConditionRules rules(FleetProperties fleet) {
        return new ConditionRules(fleet, holdReminderAfter);
    }

    @Override
    public String toString() {
        return "AlertProperties[webhook=" + (webhookUrl == null ? "<none>" : "<set, host " + webhookHost() + ">")
                + ", pageUrl=" + pageUrl + ", emailTo=" + emailTo + ", emailFrom=" + emailFrom
                + ", holdReminderAfter=" + holdReminderAfter + ", interval=" + interval + "]";
    }
}
