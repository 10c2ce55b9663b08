package io.entrasync.directory;

import io.entrasync.problem.ConflictException;
import io.entrasync.problem.InvalidInputException;
import io.entrasync.problem.NotFoundException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns an incoming email into a ticket: a known active sender opens one (unless its automatic tickets are
 * disabled); an unknown sender becomes a WEAK account first when {@code autoCreateUsersFromEmail} is on. Every
 * message is kept ({@link InboundEmail}) with its outcome, in the same transaction as the account and ticket it
 * created: none is dropped. A message from an unknown domain with no default site waits as
 * {@link InboundOutcome#UNASSIGNED} until an admin {@link #assign assigns} it to a site.
 */
@Service
public class EmailIntake {

    private static final Logger log = LoggerFactory.getLogger(EmailIntake.class);
    private static final Pattern NAME_AND_ADDRESS = Pattern.compile("^\\s*\"?([^\"<]*?)\"?\\s*<([^>]+)>\\s*$");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final EndUserRepository users;
    private final SiteRepository sites;
    private final SettingsService settings;
    private final DirectoryService directory;
    private final TicketRepository tickets;
    private final InboundEmailRepository messages;
    private final TransactionTemplate transaction;

    EmailIntake(EndUserRepository users, SiteRepository sites, SettingsService settings, DirectoryService directory,
                TicketRepository tickets, InboundEmailRepository messages, TransactionTemplate transaction) {
        this.users = users;
        this.sites = sites;
        this.settings = settings;
        this.directory = directory;
        this.tickets = tickets;
        this.messages = messages;
        this.transaction = transaction;
    }

    /**
     * What happened to one email: the kept message's id and outcome, the user found or created, the ticket, the
     * site the sender belongs to, and in words why (never null).
     */
    public record Outcome(long messageId, InboundOutcome outcome, Long userId, boolean userCreated, Long ticketId,
                          Long siteId, String reason) {
        static Outcome of(InboundEmail message) {
            return new Outcome(message.getId(), message.getOutcome(), message.getUserId(), message.isUserCreated(),
                    message.getTicketId(), message.getSiteId(), message.getReason());
        }
    }

    public Outcome receive(String from, String subject, String body) {
        return receive(from, subject, body, Map.of());
    }

    /**
     * Handles one email. {@code headers} (optional) are the message's headers as received; only the ones that mark
     * automated mail are read, all are kept. Bounces and auto-replies create nothing and answer why. A {@code from}
     * without a valid address is refused (400) and kept all the same.
     */
    public Outcome receive(String from, String subject, String body, Map<String, String> headers) {
        String headersJson = headers == null || headers.isEmpty() ? null : JSON.writeValueAsString(headers);
        Sender sender;
        try {
            sender = Sender.parse(from);
        } catch (InvalidInputException invalid) {
            transaction.executeWithoutResult(status -> {
                InboundEmail message = new InboundEmail(from, subject, body, headersJson);
                message.conclude(InboundOutcome.INVALID_SENDER, invalid.getMessage(), null, false, null, null);
                messages.save(message);
            });
            throw invalid;
        }
        Optional<String> automated = AutomatedMail.reason(sender.email(), headers);
        if (automated.isPresent()) {
            log.debug("inbound email from {} kept without ticket: {}", sender.email(), automated.get());
            return transaction.execute(status -> {
                InboundEmail message = new InboundEmail(from, subject, body, headersJson);
                message.senderEmail(sender.email());
                message.conclude(InboundOutcome.AUTOMATED, automated.get(), null, false, null, null);
                return Outcome.of(messages.save(message));
            });
        }
        try {
            return transaction.execute(status -> handle(new InboundEmail(from, subject, body, headersJson), sender, null));
        } catch (DataIntegrityViolationException raced) {
            // Two emails from one new sender at once: the other one created the account; use it.
            log.debug("concurrent creation of {}; retrying as a known sender", sender.email());
            return transaction.execute(status -> handle(new InboundEmail(from, subject, body, headersJson), sender, null));
        }
    }

    /**
     * Assigns an {@link InboundOutcome#UNASSIGNED} message to a site and handles it as if it had just arrived with
     * that site as its domain's: the same rules decide (an account created on that site, a ticket, or the reason
     * there is none). 404 for an unknown message, 409 for a message that is not waiting, 400 for an unknown site.
     */
    public Outcome assign(long messageId, Long siteId) {
        if (siteId == null) {
            throw new InvalidInputException("siteId", "siteId is required");
        }
        return transaction.execute(status -> {
            InboundEmail message = messages.findForUpdate(messageId).orElseThrow(() ->
                    new NotFoundException("messageId", "inbound email " + messageId + " does not exist"));
            if (message.getOutcome() != InboundOutcome.UNASSIGNED) {
                throw new ConflictException("messageId", "inbound email " + messageId + " is not waiting for a site: "
                        + "its outcome is " + message.getOutcome() + " (" + message.getReason() + ")");
            }
            Site site = directory.site(siteId);
            message.assigned();
            return handle(message, Sender.parse(message.getSender()), site);
        });
    }

    private Outcome handle(InboundEmail message, Sender sender, Site assignedSite) {
        message.senderEmail(sender.email());
        Decision decision = decide(sender, message.getSubject(), assignedSite);
        message.conclude(decision.outcome(), decision.reason(), decision.user() == null ? null : decision.user().getId(),
                decision.userCreated(), decision.ticketId(),
                decision.user() == null ? (assignedSite == null ? null : assignedSite.getId())
                        : decision.user().getSite().getId());
        return Outcome.of(messages.save(message));
    }

    /** The outcome of one message; {@code user} may be null (no account found nor created). */
    private record Decision(InboundOutcome outcome, String reason, EndUser user, boolean userCreated, Long ticketId) {
    }

    private Decision decide(Sender sender, String subject, Site assignedSite) {
        String ticketSubject = subject == null || subject.isBlank() ? "(no subject)" : subject.trim();
        if (ticketSubject.length() > Ticket.MAX_SUBJECT) {
            // refused like POST /api/tickets refuses it, before anything is created; the message keeps it whole
            return new Decision(InboundOutcome.SUBJECT_TOO_LONG, "subject is longer than " + Ticket.MAX_SUBJECT
                    + " characters (" + ticketSubject.length() + "): no account, no ticket", null, false, null);
        }
        EndUser user = users.findByEmailKey(EmailAddress.key(sender.email()))
                .or(() -> untagged(sender.email()).flatMap(plain -> users.findByEmailKey(EmailAddress.key(plain))))
                .orElse(null);
        boolean created = false;
        if (user == null) {
            HelpdeskSettings current = settings.current();
            if (!current.isAutoCreateUsersFromEmail()) {
                return new Decision(InboundOutcome.UNKNOWN_SENDER, "unknown sender " + sender.email()
                        + " and automatic user creation from email is off", null, false, null);
            }
            Optional<Site> site = assignedSite != null ? Optional.of(assignedSite) : siteFor(sender.email(), current);
            if (site.isEmpty()) {
                return new Decision(InboundOutcome.UNASSIGNED, "no site for sender " + sender.email()
                        + ": no site lists the email domain '" + EmailAddress.domain(sender.email())
                        + "' and no default site is set; waiting for an admin to assign a site", null, false, null);
            }
            user = createWeak(sender, site.get());
            created = true;
        }
        if (!user.isActive()) {
            return new Decision(InboundOutcome.DEACTIVATED_SENDER, "sender deactivated, no ticket: user " + user.getId()
                    + " (" + user.getEmail() + ") is deactivated", user, created, null);
        }
        if (user.isAutoTicketDisabled()) {
            return new Decision(InboundOutcome.AUTO_TICKETS_OFF, "automatic ticket creation is disabled for user "
                    + user.getId(), user, created, null);
        }
        String refusal = directory.ticketRefusal(user);
        if (refusal != null) {
            return new Decision(InboundOutcome.NOT_MAIN_USER, refusal, user, created, null);
        }
        Ticket ticket = tickets.save(new Ticket(user, ticketSubject, TicketSource.EMAIL));
        return new Decision(InboundOutcome.TICKET_OPENED, created ? "user created, ticket opened" : "ticket opened",
                user, created, ticket.getId());
    }

    private EndUser createWeak(Sender sender, Site site) {
        // a new account gets the address without its +tag: the next mail, tagged or not, finds it
        EndUser user = new EndUser(site, untagged(sender.email()).orElse(sender.email()), Association.WEAK);
        DerivedName name = DerivedName.fromSender(sender.displayName(), sender.email());
        user.setFirstName(name.firstName());
        user.setLastName(name.lastName());
        return users.saveAndFlush(user);
    }

    /** {@code claire.johnson+printer@acme.org} → {@code claire.johnson@acme.org}; empty without a tag. */
    static Optional<String> untagged(String email) {
        int at = email.lastIndexOf('@');
        int plus = email.indexOf('+');
        if (plus <= 0 || plus > at) {
            return Optional.empty();
        }
        return Optional.of(email.substring(0, plus) + email.substring(at));
    }

    private Optional<Site> siteFor(String email, HelpdeskSettings current) {
        return sites.findByEmailDomain(EmailAddress.domain(email))
                .or(() -> current.getDefaultSiteId() == null ? Optional.empty()
                        : sites.findById(current.getDefaultSiteId()));
    }

    /** The address and optional display name of a {@code From} value ({@code "Claire J" <c.j@x.org>}). */
    record Sender(String displayName, String email) {

        static Sender parse(String from) {
            if (from == null || from.isBlank()) {
                throw new InvalidInputException("from", "from is required");
            }
            String displayName = null;
            String address = from.trim();
            Matcher matcher = NAME_AND_ADDRESS.matcher(from);
            if (matcher.matches()) {
                displayName = matcher.group(1).isBlank() ? null : MimeWords.decode(matcher.group(1).trim()).trim();
                address = matcher.group(2).trim();
            }
            if (!EmailAddress.isValid(address)) {
                throw new InvalidInputException("from", "from '" + from + "' holds no valid email address");
            }
            return new Sender(displayName, address);
        }
    }
}
