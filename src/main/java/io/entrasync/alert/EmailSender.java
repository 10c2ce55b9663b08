package io.entrasync.alert;

import java.net.URI;
import java.util.List;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/** Sends an alert as a plain-text e-mail through Spring Boot's mail support (SMTP, {@code spring.mail.*}). */
final class EmailSender implements AlertSender {

    private final JavaMailSender mail;
    private final String from;
    private final List<String> to;
    private final URI page;

    EmailSender(JavaMailSender mail, String from, List<String> to, URI page) {
        this.mail = mail;
        this.from = from;
        this.to = List.copyOf(to);
        this.page = page;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public void send(Alert alert) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(to.toArray(String[]::new));
        message.setSubject(alert.title());
        message.setText(alert.text(page) + "\n\nAt " + alert.createdAt() + " (UTC).\n");
        try {
            mail.send(message);
        } catch (MailException e) {
            throw new DeliveryException("e-mail to " + to + " not sent: " + e.getMessage());
        }
    }
}
