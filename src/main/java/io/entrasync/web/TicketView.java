package io.entrasync.web;

import io.entrasync.directory.Ticket;
import io.entrasync.directory.TicketSource;
import io.entrasync.directory.TicketStatus;
import java.time.Instant;

/** A ticket as the API shows it. */
record TicketView(Long id, Long userId, Long siteId, String subject, TicketSource source, TicketStatus status,
                  Instant createdAt) {

    static TicketView of(Ticket t) {
        return new TicketView(t.getId(), t.getUser().getId(), t.getSite().getId(), t.getSubject(), t.getSource(),
                t.getStatus(), t.getCreatedAt());
    }
}
