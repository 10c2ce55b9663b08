package io.entrasync.web;

import io.entrasync.problem.Paging;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.entrasync.directory.EmailIntake;
import io.entrasync.directory.InboundEmail;
import io.entrasync.directory.InboundEmailRepository;
import io.entrasync.directory.InboundOutcome;
import io.entrasync.problem.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.Map;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.web.PagedModel;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Inbound email: receiving a message, the list of every message kept, and assigning one that waits for a site. */
@Tag(name = "Inbound mail")
@RestController
@RequestMapping("/api/inbound-email")
class InboundEmailController {

    /**
     * Body of {@code POST /api/inbound-email}; {@code headers} (optional) are the message's headers, e.g.
     * {@code {"Auto-Submitted": "auto-replied"}}, read to recognise auto-replies and kept with the message.
     */
    record Received(String from, String subject, String body, Map<String, String> headers) {
    }

    /** Body of {@code POST /api/inbound-email/{id}/assign}. */
    record Assignment(Long siteId) {
    }

    /** A kept message as the list shows it (without body and headers: see {@link Detail}). */
    record Summary(long id, Instant receivedAt, String from, String senderEmail, String subject, InboundOutcome outcome,
                   String reason, Long userId, boolean userCreated, Long ticketId, Long siteId, Instant assignedAt) {
        static Summary of(InboundEmail m) {
            return new Summary(m.getId(), m.getReceivedAt(), m.getSender(), m.getSenderEmail(), m.getSubject(),
                    m.getOutcome(), m.getReason(), m.getUserId(), m.isUserCreated(), m.getTicketId(), m.getSiteId(),
                    m.getAssignedAt());
        }
    }

    /** One kept message with its body and headers ({@code headers} a JSON object, or null). */
    record Detail(long id, Instant receivedAt, String from, String senderEmail, String subject, String body,
                  @JsonRawValue String headers, InboundOutcome outcome, String reason, Long userId, boolean userCreated,
                  Long ticketId, Long siteId, Instant assignedAt) {
        static Detail of(InboundEmail m) {
            return new Detail(m.getId(), m.getReceivedAt(), m.getSender(), m.getSenderEmail(), m.getSubject(),
                    m.getBody(), m.getHeaders(), m.getOutcome(), m.getReason(), m.getUserId(), m.isUserCreated(),
                    m.getTicketId(), m.getSiteId(), m.getAssignedAt());
        }
    }

    private final EmailIntake intake;
    private final InboundEmailRepository messages;

    InboundEmailController(EmailIntake intake, InboundEmailRepository messages) {
        this.intake = intake;
        this.messages = messages;
    }

    @Operation(operationId = "receiveInboundEmail", summary = "Post a received mail",
            description = "Known sender: a ticket; unknown sender: a WEAK account on the site of its domain (when "
            + "allowed), or the message waits UNASSIGNED. Every message is kept; 400 (field from) only for a sender "
            + "without a valid address.")
    @PostMapping
    EmailIntake.Outcome receive(@RequestBody Received email) {
        return intake.receive(email.from(), email.subject(), email.body(),
                email.headers() == null ? Map.of() : email.headers());
    }

    /** Every kept message, newest first, optionally of one outcome (e.g. {@code UNASSIGNED}). */
    @Operation(operationId = "listInboundEmail", summary = "List received mail",
            description = "Every kept message, newest first, paged; outcome filters (UNASSIGNED: waiting for a site).")
    @GetMapping
    @Transactional(readOnly = true)
    PagedModel<Summary> list(@RequestParam(required = false) InboundOutcome outcome,
                             @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        int pageSize = Paging.size("size", size, Paging.MAX_SIZE);
        PageRequest request = PageRequest.of(Paging.page(page, pageSize), pageSize, Sort.by(Sort.Direction.DESC, "id"));
        return new PagedModel<>((outcome == null ? messages.findAll(request) : messages.findByOutcome(outcome, request))
                .map(Summary::of));
    }

    @Operation(operationId = "getInboundEmail", summary = "Get a received mail",
            description = "One message with its body and headers. 404 for an unknown message.")
    @GetMapping("/{messageId}")
    @Transactional(readOnly = true)
    Detail get(@PathVariable("messageId") long id) {
        return Detail.of(messages.findById(id).orElseThrow(() ->
                new NotFoundException("messageId", "inbound email " + id + " does not exist")));
    }

    /** Assigns an UNASSIGNED message to a site: handled then like a new message of that site (account, ticket). */
    @Operation(operationId = "assignInboundEmail", summary = "Assign a mail to a site",
            description = "Handles an UNASSIGNED message as if its domain belonged to the site (account, ticket). 409 "
            + "when it is not UNASSIGNED, 404 unknown message, 400 missing or unknown site.")
    @PostMapping("/{messageId}/assign")
    EmailIntake.Outcome assign(@PathVariable("messageId") long id, @RequestBody Assignment body) {
        return intake.assign(id, body.siteId());
    }
}
