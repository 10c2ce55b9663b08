package io.entrasync.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** A ticket opened by an end user. Immutable from the directory's point of view: never changed nor deleted. */
@Entity
@Table(name = "ticket")
public class Ticket {

    /**
     * The longest subject a ticket takes, at every door: {@code POST /api/tickets} refuses a longer one (400) and
     * inbound mail keeps such a message without a ticket ({@link InboundOutcome#SUBJECT_TOO_LONG}); nothing is cut.
     */
    public static final int MAX_SUBJECT = 10_000;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "ticket_seq")
    @SequenceGenerator(name = "ticket_seq", sequenceName = "ticket_seq", allocationSize = 1)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id", nullable = false)
    private EndUser user;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "site_id", nullable = false)
    private Site site;

    @Column(nullable = false)
    private String subject;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private TicketSource source;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private TicketStatus status;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Ticket() {
    }

    Ticket(EndUser user, String subject, TicketSource source) {
        this.user = user;
        this.site = user.getSite();
        this.subject = InboundEmail.Text.storable(subject);
        this.source = source;
        this.status = TicketStatus.OPEN;
        this.createdAt = Instant.now();
    }

    public Long getId() {
        return id;
    }

    public EndUser getUser() {
        return user;
    }

    public Site getSite() {
        return site;
    }

    public String getSubject() {
        return subject;
    }

    public TicketSource getSource() {
        return source;
    }

    public TicketStatus getStatus() {
        return status;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
