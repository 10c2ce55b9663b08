package io.entrasync.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One message as {@code POST /api/inbound-email} received it, and what became of it. Kept whatever the outcome; the
 * links to user, ticket and site are ids (the message outlives nothing it points at: users, tickets and sites with
 * users are never deleted).
 */
@Entity
@Table(name = "inbound_email")
public class InboundEmail {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "inbound_email_seq")
    @SequenceGenerator(name = "inbound_email_seq", sequenceName = "inbound_email_seq", allocationSize = 1)
    private Long id;

    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;

    /** The {@code From} value as received (display name and address); null when the request had none. */
    private String sender;

    /** The address parsed from {@link #sender}; null when it held none. */
    @Column(name = "sender_email")
    private String senderEmail;

    private String subject;

    private String body;

    /** The message's headers as a JSON object, or null without headers. */
    private String headers;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private InboundOutcome outcome;

    @Column(nullable = false)
    private String reason;

    @Column(name = "user_id")
    private Long userId;

    @Column(name = "user_created", nullable = false)
    private boolean userCreated;

    @Column(name = "ticket_id")
    private Long ticketId;

    @Column(name = "site_id")
    private Long siteId;

    @Column(name = "assigned_at")
    private Instant assignedAt;

    protected InboundEmail() {
    }

    InboundEmail(String sender, String subject, String body, String headers) {
        this.receivedAt = Instant.now();
        this.sender = Text.storable(sender);
        this.subject = Text.storable(subject);
        this.body = Text.storable(body);
        this.headers = headers;
    }

    void senderEmail(String email) {
        this.senderEmail = email;
    }

    /** Records what became of the message (again, when an admin assigns an UNASSIGNED one). */
    void conclude(InboundOutcome outcome, String reason, Long userId, boolean userCreated, Long ticketId, Long siteId) {
        this.outcome = outcome;
        this.reason = Text.cut(reason, 1000);
        this.userId = userId;
        this.userCreated = userCreated;
        this.ticketId = ticketId;
        this.siteId = siteId;
    }

    void assigned() {
        this.assignedAt = Instant.now();
    }

    public Long getId() {
        return id;
    }

    public Instant getReceivedAt() {
        return receivedAt;
    }

    public String getSender() {
        return sender;
    }

    public String getSenderEmail() {
        return senderEmail;
    }

    public String getSubject() {
        return subject;
    }

    public String getBody() {
        return body;
    }

    public String getHeaders() {
        return headers;
    }

    public InboundOutcome getOutcome() {
        return outcome;
    }

    public String getReason() {
        return reason;
    }

    public Long getUserId() {
        return userId;
    }

    public boolean isUserCreated() {
        return userCreated;
    }

    public Long getTicketId() {
        return ticketId;
    }

    public Long getSiteId() {
        return siteId;
    }

    public Instant getAssignedAt() {
        return assignedAt;
    }

    /** Text as the database keeps it. */
    static final class Text {
        private Text() {
        }

        /** PostgreSQL text cannot hold NUL; it is the one character replaced (by U+FFFD), everything else is kept. */
        static String storable(String text) {
            return text == null || text.indexOf('\0') < 0 ? text : text.replace('\0', '\uFFFD');
        }

        static String cut(String text, int max) {
            return text == null || text.length() <= max ? text : text.substring(0, max - 3) + "...";
        }
    }
}
