package io.entrasync.web;

import io.entrasync.directory.DirectoryService;
import io.entrasync.directory.Ticket;
import io.entrasync.directory.TicketSource;
import io.entrasync.problem.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Opens tickets (a deactivated user gets 409). */
@Tag(name = "Tickets")
@RestController
@RequestMapping("/api/tickets")
class TicketController {

    /** Body of {@code POST /api/tickets}; source defaults to PORTAL. */
    record NewTicket(Long userId, String subject, TicketSource source) {
    }

    private final DirectoryService directory;

    TicketController(DirectoryService directory) {
        this.directory = directory;
    }

    @Operation(operationId = "openTicket", summary = "Open a ticket",
            description = "Opens a ticket for a user (source EMAIL, PORTAL, PHONE or HOTKEY; default PORTAL). 409 for a"
            + " deactivated user; 400 for a subject longer than 10,000 characters.")
    @ApiResponse(responseCode = "201", description = "Opened; Location names the ticket.", useReturnTypeSchema = true)
    @PostMapping
    ResponseEntity<TicketView> open(@RequestBody NewTicket body) {
        if (body.userId() == null) {
            throw new InvalidInputException("userId", "userId is required");
        }
        Ticket ticket = directory.openTicket(body.userId(), body.subject(), body.source());
        return ResponseEntity.created(URI.create("/api/tickets/" + ticket.getId()))
                .body(new TicketView(ticket.getId(), body.userId(), ticket.getSite().getId(), ticket.getSubject(),
                        ticket.getSource(), ticket.getStatus(), ticket.getCreatedAt()));
    }
}
