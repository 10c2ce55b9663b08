package io.entrasync.directory;

import io.entrasync.problem.InvalidInputException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns an incoming email into a ticket: a known active sender opens one (unless its automatic tickets are
 * disabled); an unknown sender becomes a WEAK account first when {@code autoCreateUsersFromEmail} is on.
 */
@Service
public class EmailIntake {

    private static final Logger log = LoggerFactory.getLogger(EmailIntake.class);
    private static final Pattern NAME_AND_ADDRESS = Pattern.compile("^\\s*\"?([^\"<]*?)\"?\\s*<([^>]+)>\\s*$");

    private final EndUserRepository users;
    private final SiteRepository sites;
    private final SettingsService settings;
    private final DirectoryService directory;
    private final TicketRepository tickets;
    private final TransactionTemplate transaction;

    EmailIntake(EndUserRepository users, SiteRepository sites, SettingsService settings, DirectoryService directory,
                TicketRepository tickets, TransactionTemplate transaction) {
        this.users = users;
        this.sites = sites;
        this.settings = settings;
        this.directory = directory;
        this.tickets = tickets;
        this.transaction = transaction;
    }

    /** What happened to one email: the user found or created, and the ticket or the reason there is none. */
    public record Outcome(Long userId, boolean userCreated, Long ticketId, String reason) {
    }

    public Outcome receive(String from, String subject, String body) {
        return receive(from, subject, body, Map.of());
    }

    /**
     * Handles one email. {@code headers} (optional) are the message's headers as received; only the ones that mark
     * automated mail are read. Bounces and auto-replies create nothing and answer why.
     */
    public Outcome receive(String from, String subject, String body, Map<String, String> headers) {
        Sender sender = Sender.parse(from);
        Optional<String> automated = AutomatedMail.reason(sender.email(), headers);
        if (automated.isPresent()) {
            log.debug("inbound email from {} ignored: {}", sender.email(), automated.get());
            return new Outcome(null, false, null, automated.get());
        }
        try {
            return transaction.execute(status -> receive(sender, subject));
        } catch (DataIntegrityViolationException raced) {
            // Two emails from one new sender at once: the other one created the account; use it.
            log.debug("concurrent creation of {}; retrying as a known sender", sender.email());
            return transaction.execute(status -> receive(sender, subject));
        }
    }

    private Outcome receive(Sender sender, String subject) {
        String ticketSubject = subject == null || subject.isBlank() ? "(no subject)" : subject.trim();
        if (ticketSubject.length() > 500) {
            ticketSubject = ticketSubject.substring(0, 500);
        }
        EndUser user = users.findByEmailKey(EmailAddress.key(sender.email()))
                .or(() -> untagged(sender.email()).flatMap(plain -> users.findByEmailKey(EmailAddress.key(plain))))
                .orElse(null);
        boolean created = false;
        if (user == null) {
            HelpdeskSettings current = settings.current();
            if (!current.isAutoCreateUsersFromEmail()) {
                return new Outcome(null, false, null,
                        "unknown sender " + sender.email() + " and automatic user creation from email is off");
            }
            Site site = siteFor(sender.email(), current);
            // a new account gets the address without its +tag: the next mail, tagged or not, finds it
            user = new EndUser(site, untagged(sender.email()).orElse(sender.email()), Association.WEAK);
            DerivedName name = DerivedName.fromSender(sender.displayName(), sender.email());
            user.setFirstName(name.firstName());
            user.setLastName(name.lastName());
            users.saveAndFlush(user);
            created = true;
        }
        if (!user.isActive()) {
            return new Outcome(user.getId(), created, null, "sender deactivated, no ticket: user " + user.getId() + " ("
                    + user.getEmail() + ") is deactivated");
        }
        if (user.isAutoTicketDisabled()) {
            return new Outcome(user.getId(), created, null,
                    "automatic ticket creation is disabled for user " + user.getId());
        }
        String refusal = directory.ticketRefusal(user);
        if (refusal != null) {
            return new Outcome(user.getId(), created, null, refusal);
        }
        Ticket ticket = tickets.save(new Ticket(user, ticketSubject, TicketSource.EMAIL));
        return new Outcome(user.getId(), created, ticket.getId(), created ? "user created, ticket opened"
                : "ticket opened");
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

    private Site siteFor(String email, HelpdeskSettings current) {
        String domain = EmailAddress.domain(email);
        return sites.findByEmailDomain(domain)
                .or(() -> current.getDefaultSiteId() == null ? java.util.Optional.empty()
                        : sites.findById(current.getDefaultSiteId()))
                .orElseThrow(() -> new InvalidInputException("from", "no site for sender " + email
                        + ": no site lists the email domain '" + domain + "' and no default site is set"));
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
