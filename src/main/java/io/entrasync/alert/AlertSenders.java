package io.entrasync.alert;

import io.entrasync.notify.NotificationProperties;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/** The channels configured at start-up: a webhook when its URL is set, e-mail when recipients and a server are. */
@Component
class AlertSenders {

    private static final Logger log = LoggerFactory.getLogger(AlertSenders.class);

    private final Map<Channel, AlertSender> senders = new EnumMap<>(Channel.class);

    AlertSenders(AlertProperties properties, NotificationProperties notifications,
                 ObjectProvider<JavaMailSender> mail) {
        URI base = notifications.publicBaseUrl();
        URI page = properties.pageUrl() != null ? properties.pageUrl() : base == null ? null : base.resolve("/#alerts");
        if (properties.webhookUrl() != null) {
            senders.put(Channel.WEBHOOK, new WebhookSender(properties.webhook(), page));
        }
        if (!properties.emailTo().isEmpty()) {
            JavaMailSender sender = mail.getIfAvailable();
            if (sender == null) {
                throw new IllegalStateException("entra-sync.alerts.email-to is set but no mail server is: set "
                        + "spring.mail.host (SPRING_MAIL_HOST) and, if needed, spring.mail.port/username/password");
            }
            senders.put(Channel.EMAIL, new EmailSender(sender, properties.emailFrom(), properties.emailTo(), page));
        }
        log.info("alert channels: {}", senders.isEmpty() ? "none (conditions are tracked and shown, nothing is sent)"
                : describe(properties));
    }

    private String describe(AlertProperties properties) {
        List<String> parts = new ArrayList<>();
        if (senders.containsKey(Channel.WEBHOOK)) {
            parts.add("webhook at host " + properties.webhookHost());
        }
        if (senders.containsKey(Channel.EMAIL)) {
            parts.add("e-mail to " + properties.emailTo());
        }
        return String.join(", ", parts);
    }

    /** The configured channels; an alert gets one outbox row for each. */
    List<Channel> channels() {
        return List.copyOf(senders.keySet());
    }

    Optional<AlertSender> sender(Channel channel) {
        return Optional.ofNullable(senders.get(channel));
    }
}
