package io.entrasync.directory;

import io.entrasync.problem.ConflictException;
import io.entrasync.reconcile.DeactivationReason;
import io.entrasync.problem.InvalidInputException;
import io.entrasync.problem.NotFoundException;
import io.entrasync.edits.EntityEdited;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What an admin does to the directory by hand: sites, accounts, activation, the main site user, tickets.
 * Every rejection names the field and the conflicting object.
 */
@Service
public class DirectoryService {

    private final SiteRepository sites;
    private final DepartmentRepository departments;
    private final EndUserRepository users;
    private final TicketRepository tickets;
    private final MainSiteUserChanges mainUsers;
    private final ApplicationEventPublisher events;

    DirectoryService(SiteRepository sites, DepartmentRepository departments, EndUserRepository users,
                     TicketRepository tickets, MainSiteUserChanges mainUsers, ApplicationEventPublisher events) {
        this.sites = sites;
        this.departments = departments;
        this.users = users;
        this.tickets = tickets;
        this.mainUsers = mainUsers;
        this.events = events;
    }

    /**
     * What a change of an account did: the account, and the user who stopped being a site's main user because of it
     * (the previous main user, or the account itself when it lost the flag), or null.
     */
    public record UserChange(EndUser user, DemotedUser demoted) {
    }

    @Transactional
    public Site createSite(String name, Set<String> emailDomains, boolean mainUserOnlyTickets) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("name", "name is required");
        }
        if (name.strip().length() > 200) {
            throw new InvalidInputException("name", "name is longer than 200 characters");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("name", "name contains control characters");
        }
        // unique among the manual sites only: a tenant's site of the same name is another site
        sites.findManual(Site.key(name)).ifPresent(existing -> {
            throw new ConflictException("name", "site name '" + name.trim() + "' is already used by site "
                    + existing.getId() + " (manual site names are unique; a tenant's site of that name is another site)");
        });
        for (String domain : emailDomains) {
            if (domain == null || !EmailAddress.isValid("x@" + domain)) {
                throw new InvalidInputException("emailDomains", "email domain '" + domain + "' is not a valid domain");
            }
            sites.findByEmailDomain(domain.toLowerCase(java.util.Locale.ROOT)).ifPresent(existing -> {
                throw new ConflictException("emailDomains",
                        "email domain '" + domain + "' already belongs to site " + existing.getId());
            });
        }
        return sites.save(new Site(name, emailDomains, mainUserOnlyTickets, null));
    }

    @Transactional(readOnly = true)
    public EndUser user(long id) {
        return users.findById(id).orElseThrow(() -> new NotFoundException("userId", "user " + id + " does not exist"));
    }

    /** Creates a full (STRONG) local account, owned by no directory. */
    @Transactional
    public UserChange createUser(UserDraft draft) {
        if (draft.siteId() == null) {
            throw new InvalidInputException("siteId", "siteId is required");
        }
        requireEmail(draft.email());
        EndUser user = new EndUser(site(draft.siteId()), draft.email(), Association.STRONG);
        requireEmailFree(user.getEmailKey(), null);
        applyFields(user, draft);
        users.save(user);
        DemotedUser demoted = null;
        if (Boolean.TRUE.equals(draft.mainSiteUser())) {
            demoted = mainUsers.promote(user, false, MainUserLog.Door.API, "made main site user on creation");
        }
        return new UserChange(user, demoted);
    }

    /**
     * Changes the fields the draft carries; absent fields stay as they are. A WEAK account becomes main site user
     * only with {@code confirmWeak} (409 otherwise, nothing changed).
     */
    @Transactional
    public UserChange updateUser(long id, UserDraft patch, boolean confirmWeak) {
        EndUser user = user(id);
        var before = EditSnapshots.user(user);
        DemotedUser demoted = null;
        if (patch.has("siteId")) {
            if (patch.siteId() == null) {
                throw new InvalidInputException("siteId", "siteId cannot be removed: every user belongs to a site");
            }
            if (!patch.siteId().equals(user.getSite().getId())) {
                Site from = user.getSite();
                Site to = site(patch.siteId());
                if (user.isMainSiteUser()) {
                    // main user of the site it leaves: it stays main, of the site it joins (already accepted as main)
                    mainUsers.clear(user, from.getId(), MainUserLog.Door.API, "moved to site " + to.getId());
                    user.setSite(to);
                    demoted = mainUsers.promote(user, true, MainUserLog.Door.API, "moved here from site " + from.getId()
                            + " as its main user");
                } else {
                    user.setSite(to);
                }
            }
        }
        if (patch.has("email")) {
            requireEmail(patch.email());
            requireEmailFree(EmailAddress.key(patch.email()), user.getId());
            user.setEmail(patch.email());
        }
        applyFields(user, patch);
        if (patch.has("mainSiteUser") && patch.mainSiteUser() != null) {
            if (patch.mainSiteUser()) {
                DemotedUser previous = mainUsers.promote(user, confirmWeak, MainUserLog.Door.API,
                        "made main site user by an admin");
                demoted = previous == null ? demoted : previous;
            } else {
                demoted = mainUsers.clear(user, user.getSite().getId(), MainUserLog.Door.API,
                        "main site user flag cleared by an admin");
            }
        }
        EndUser saved = users.save(user);
        edited(before, saved);
        return new UserChange(saved, demoted);
    }

    /**
     * An admin's deactivation: recorded as {@code MANUAL}, so no sync run reactivates the account (also when a run
     * had already deactivated it) until an admin activates it again. A main site user stops being main (recorded,
     * and named in the answer).
     */
    @Transactional
    public UserChange deactivate(long id) {
        EndUser user = user(id);
        var before = EditSnapshots.user(user);
        DemotedUser demoted = mainUsers.deactivate(user, DeactivationReason.MANUAL, MainUserLog.Door.DEACTIVATION,
                "deactivated by an admin");
        edited(before, user);
        return new UserChange(user, demoted);
    }

    /** An admin's activation; it also releases a MANUAL deactivation, so runs manage the account again. */
    @Transactional
    public EndUser activate(long id) {
        EndUser user = user(id);
        var before = EditSnapshots.user(user);
        user.activate();
        edited(before, user);
        return user;
    }

    /** Tells the audit trail what an admin's edit changed (it keeps the fields only once the edit is committed). */
    private void edited(Map<String, String> before, EndUser user) {
        events.publishEvent(EntityEdited.between("user " + user.getId(), before, EditSnapshots.user(user)));
    }

    /**
     * Makes the user the site's main user or clears the flag, for a CSV import: a WEAK account is refused (409, it
     * needs the admin's confirmation in the page or the API).
     *
     * @return the user who stopped being main because of it (the previous main user, or this one), or null
     */
    DemotedUser setMainSiteUserFromImport(EndUser user, boolean main, long line) {
        return main ? mainUsers.promote(user, false, MainUserLog.Door.CSV, "made main site user by CSV import line " + line)
                : mainUsers.clear(user, user.getSite().getId(), MainUserLog.Door.CSV,
                "main site user flag cleared by CSV import line " + line);
    }

    /** Opens a ticket for an active user; a deactivated user or a non-main user of a main-user-only site gets 409. */
    @Transactional
    public Ticket openTicket(long userId, String subject, TicketSource source) {
        if (subject == null || subject.isBlank()) {
            throw new InvalidInputException("subject", "subject is required");
        }
        if (subject.trim().length() > Ticket.MAX_SUBJECT) {
            throw new InvalidInputException("subject", "subject is longer than " + Ticket.MAX_SUBJECT + " characters ("
                    + subject.trim().length() + ")");
        }
        EndUser user = user(userId);
        String refusal = ticketRefusal(user);
        if (refusal != null) {
            throw new ConflictException("userId", refusal);
        }
        return tickets.save(new Ticket(user, subject.trim(), source == null ? TicketSource.PORTAL : source));
    }

    /** Why this user may not open a ticket now, or null when it may. */
    String ticketRefusal(EndUser user) {
        if (!user.isActive()) {
            return "user " + user.getId() + " (" + user.getEmail() + ") is deactivated and cannot open tickets";
        }
        if (user.getSite().isMainUserOnlyTickets() && !user.isMainSiteUser()) {
            return "site " + user.getSite().getId() + " accepts tickets from its main user only; user "
                    + user.getId() + " is not the main user";
        }
        return null;
    }

    Site site(long siteId) {
        return sites.findById(siteId).orElseThrow(() -> new InvalidInputException("siteId", "site " + siteId + " does not exist"));
    }

    private Department department(long departmentId) {
        return departments.findById(departmentId).orElseThrow(
                () -> new InvalidInputException("departmentId", "department " + departmentId + " does not exist"));
    }

    private void applyFields(EndUser user, UserDraft draft) {
        checkLengths(draft);
        if (draft.has("firstName")) user.setFirstName(trimToNull(draft.firstName()));
        if (draft.has("lastName")) user.setLastName(trimToNull(draft.lastName()));
        if (draft.has("phone")) user.setPhone(trimToNull(draft.phone()));
        if (draft.has("mobilePhone")) user.setMobilePhone(trimToNull(draft.mobilePhone()));
        if (draft.has("jobTitle")) user.setJobTitle(trimToNull(draft.jobTitle()));
        if (draft.has("agentId")) user.setAgentId(trimToNull(draft.agentId()));
        if (draft.has("departmentId")) {
            user.setDepartment(draft.departmentId() == null ? null : department(draft.departmentId()));
        }
        if (draft.has("autoTicketDisabled")) user.setAutoTicketDisabled(Boolean.TRUE.equals(draft.autoTicketDisabled()));
    }

    static void checkLengths(UserDraft draft) {
        check(draft, "firstName", draft.firstName());
        check(draft, "lastName", draft.lastName());
        check(draft, "phone", draft.phone());
        check(draft, "mobilePhone", draft.mobilePhone());
        check(draft, "jobTitle", draft.jobTitle());
        check(draft, "agentId", draft.agentId());
    }

    private static void check(UserDraft draft, String field, String value) {
        if (!draft.has(field) || value == null) {
            return;
        }
        int max = UserDraft.MAX_LENGTH.get(field);
        if (value.length() > max) {
            throw new InvalidInputException(field, field + " is longer than " + max + " characters");
        }
        if (value.chars().anyMatch(c -> Character.isISOControl(c))) {
            throw new InvalidInputException(field, field + " contains control characters");
        }
    }

    static void requireEmail(String email) {
        if (email == null || email.isBlank()) {
            throw new InvalidInputException("email", "email is required");
        }
        if (!EmailAddress.isValid(email)) {
            throw new InvalidInputException("email", "email '" + email + "' is not a valid email address");
        }
    }

    private void requireEmailFree(String emailKey, Long exceptUserId) {
        users.findByEmailKey(emailKey).filter(other -> !other.getId().equals(exceptUserId)).ifPresent(other -> {
            throw new ConflictException("email", "email '" + emailKey + "' is already used by user " + other.getId());
        });
    }

    static String trimToNull(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.trim();
        return trimmed.isEmpty() ? null : trimmed;
    }
}
