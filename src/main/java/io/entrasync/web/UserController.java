package io.entrasync.web;

import io.entrasync.directory.AccountOwnership;
import io.entrasync.directory.DirectoryService;
import io.entrasync.directory.EmailAddress;
import io.entrasync.directory.EndUser;
import io.entrasync.directory.EndUserRepository;
import io.entrasync.directory.TicketRepository;
import io.entrasync.problem.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.data.web.PagedModel;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** End users: search, manual create and edit, activation, their tickets. */
@Tag(name = "Users")
@RestController
@RequestMapping("/api/users")
class UserController {


    private final DirectoryService directory;
    private final EndUserRepository users;
    private final TicketRepository tickets;
    private final AccountOwnership owned;

    UserController(DirectoryService directory, EndUserRepository users, TicketRepository tickets,
                   AccountOwnership owned) {
        this.directory = directory;
        this.users = users;
        this.tickets = tickets;
        this.owned = owned;
    }

    /**
     * Lists users, filtered by site id, email (a whole address — one containing {@code @} — matches exactly,
     * anything else as a substring; both case-insensitive), active flag and {@code q} (a substring of email, first
     * or last name).
     */
    @Operation(operationId = "listUsers", summary = "List users",
            description = "Users, paged and filtered by site, email (an address with @ matches exactly, otherwise a "
            + "substring), active flag, tenant and q (a substring of email or name); all case-insensitive.")
    @GetMapping
    @Transactional(readOnly = true)
    PagedModel<UserView> list(@RequestParam(required = false) Long site, @RequestParam(required = false) String email,
                              @RequestParam(required = false) Boolean active, @RequestParam(required = false) String q,
                              @RequestParam(required = false) String tenant,
                              @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        Specification<EndUser> spec = (root, query, cb) -> cb.conjunction();
        if (site != null) {
            spec = spec.and((root, query, cb) -> cb.equal(root.get("site").get("id"), site));
        }
        if (email != null && !email.isBlank() && email.contains("@")) {
            // A whole address is looked up exactly, on the unique index: the common "find this sender" search stays
            // fast at any directory size (a substring match scans every account).
            String key = EmailAddress.key(email);
            spec = spec.and((root, query, cb) -> cb.equal(root.get("emailKey"), key));
        } else if (email != null && !email.isBlank()) {
            String pattern = "%" + like(email) + "%";
            spec = spec.and((root, query, cb) -> cb.like(root.get("emailKey"), pattern, '\\'));
        }
        if (active != null) {
            spec = spec.and((root, query, cb) -> cb.equal(root.get("active"), active));
        }
        if (tenant != null && !tenant.isBlank()) {
            spec = spec.and((root, query, cb) -> cb.equal(root.get("tenant"), tenant));
        }
        if (q != null && !q.isBlank()) {
            String pattern = "%" + like(q) + "%";
            spec = spec.and((root, query, cb) -> cb.or(cb.like(root.get("emailKey"), pattern, '\\'),
                    cb.like(cb.lower(root.get("firstName")), pattern, '\\'),
                    cb.like(cb.lower(root.get("lastName")), pattern, '\\')));
        }
        int pageSize = Paging.size("size", size, Paging.MAX_SIZE);
        PageRequest request = PageRequest.of(Paging.page(page, pageSize), pageSize, Sort.by("id"));
        Page<EndUser> found = users.findAll(spec, request);
        Map<Long, UserView.Tickets> counts = new HashMap<>();
        if (found.hasContent()) {
            tickets.countByUser(found.map(EndUser::getId).toList()).forEach(c ->
                    counts.put(c.getUserId(), new UserView.Tickets(c.getTotal(), c.getOpen())));
        }
        return new PagedModel<>(found.map(u -> UserView.of(u).withTickets(counts.getOrDefault(u.getId(),
                UserView.Tickets.NONE))));
    }

    @Operation(operationId = "getUser", summary = "Get a user",
            description = "One user with its site, department, association (STRONG or WEAK), tenant and, when inactive,"
            + " why it was deactivated, and ownedFields: each field the directory owns (by API name) with its tenant,"
            + " mapping file and rule (an edit of it answers 409), {} when every field is editable. 404 for an unknown"
            + " user.")
    @GetMapping("/{userId}")
    @Transactional(readOnly = true)
    UserView get(@PathVariable("userId") long id) {
        EndUser user = directory.user(id);
        return UserView.of(user).withOwnedFields(owned.ownedFields(user));
    }

    /** The answer names the site's previous main user when the new user became main ({@code demoted}). */
    @Operation(operationId = "createUser", summary = "Create a user by hand",
            description = "Creates a manual STRONG account; siteId and email are required. 409 when the email is used "
            + "by another user. Making it main site user names the user it replaced in demoted.")
    @ApiResponse(responseCode = "201", description = "Created; Location names the new user.",
            useReturnTypeSchema = true)
    @PostMapping
    ResponseEntity<UserView> create(@RequestBody JsonNode body) {
        var change = directory.createUser(UserDraftReader.read(body, false));
        long id = change.user().getId();
        return ResponseEntity.created(URI.create("/api/users/" + id)).body(UserView.of(directory.user(id), change.demoted()));
    }

    /**
     * 409 for a change of a field the directory owns for this user (the next run would undo it), and for making a
     * WEAK account main site user without {@code "confirmWeak": true} (field {@code confirmWeak}). The answer names
     * the user who stopped being main because of the change ({@code demoted}).
     */
    @Operation(operationId = "updateUser", summary = "Edit a user",
            description = "JSON merge patch: an absent field is kept, null clears it. 409 for a field the directory "
            + "owns for a synced user (the next run would undo it), and for making a WEAK account main site user "
            + "without \"confirmWeak\": true.")
    @PatchMapping("/{userId}")
    UserView patch(@PathVariable("userId") long id, @RequestBody JsonNode body) {
        boolean confirmWeak = UserDraftReader.confirmWeak(body);
        var patch = UserDraftReader.read(UserDraftReader.withoutConfirmWeak(body), true);
        owned.requireHelpdeskOwned(directory.user(id), patch);
        var change = directory.updateUser(id, patch, confirmWeak);
        return UserView.of(directory.user(id), change.demoted());
    }

    /** A main site user stops being main: the answer names it in {@code demoted}. */
    @Operation(operationId = "deactivateUser", summary = "Deactivate a user",
            description = "A deactivated user opens no ticket; no sync reactivates a manual deactivation. A main site "
            + "user stops being main (named in demoted).")
    @PostMapping("/{userId}/deactivate")
    UserView deactivate(@PathVariable("userId") long id) {
        var change = directory.deactivate(id);
        return UserView.of(directory.user(id), change.demoted());
    }

    @Operation(operationId = "activateUser", summary = "Activate a user",
            description = "Activates a deactivated user again and lifts a manual deactivation.")
    @PostMapping("/{userId}/activate")
    UserView activate(@PathVariable("userId") long id) {
        directory.activate(id);
        return UserView.of(directory.user(id));
    }

    @Operation(operationId = "listUserTickets", summary = "List a user's tickets", tags = "Tickets",
            description = "The tickets opened for this user. 404 for an unknown user.")
    @GetMapping("/{userId}/tickets")
    @Transactional(readOnly = true)
    List<TicketView> tickets(@PathVariable("userId") long id) {
        directory.user(id);
        return tickets.findByUserIdOrderByIdAsc(id).stream().map(TicketView::of).toList();
    }

    private static String like(String text) {
        return text.trim().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
