package io.entrasync.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.entrasync.directory.AccountOwnership.FieldOwner;
import io.entrasync.directory.Association;
import io.entrasync.directory.DemotedUser;
import io.entrasync.directory.EndUser;
import io.entrasync.reconcile.DeactivationReason;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Map;

/**
 * A user as the API shows it (field names are part of the REST contract). {@code deactivationReason} is null while
 * the user is active: {@code MANUAL} (an admin; no sync reactivates it) or the sync's reason ({@code DELETED},
 * {@code SOFT_DELETED}, {@code DISABLED}, {@code OUT_OF_SCOPE}, {@code NOT_FOUND_IN_FULL_SYNC}); {@code deactivatedAt}
 * likewise. {@code demoted} is only in the answer of a change (create, patch, deactivate) that made a user stop being
 * its site's main user: the previous main user, or this user itself (cleared, or deactivated); absent otherwise.
 * {@code ownedFields} is only in the answer of {@code GET /api/users/{id}}: the fields the directory owns (by API
 * name), each with its tenant, mapping file and rule, so the page shows them locked; {@code {}} for an account whose
 * fields are all editable. Lists leave it out (it reads the mapping directory once per account). {@code tickets} is
 * only in list answers: how many tickets the user has and how many are not yet resolved (one query per page).
 */
public record UserView(Long id, Long siteId, String firstName, String lastName, String email, String phone,
                       String mobilePhone, Long departmentId, String jobTitle, String agentId, boolean mainSiteUser,
                       boolean autoTicketDisabled, boolean active, Association association, String externalId,
                       String tenant, Instant createdAt, Instant updatedAt, DeactivationReason deactivationReason,
                       Instant deactivatedAt, String releasedFrom, String releasedExternalId,
                       @JsonInclude(JsonInclude.Include.NON_NULL) DemotedUser demoted,
                       @JsonInclude(JsonInclude.Include.NON_NULL)
                       @Schema(description = "Only in GET /api/users/{userId}: each field the directory owns (by API "
                               + "name) with its tenant, mapping file, rule and remedy; {} when every field is editable")
                       Map<String, FieldOwner> ownedFields,
                       @JsonInclude(JsonInclude.Include.NON_NULL)
                       @Schema(description = "Only in GET /api/users: the user's tickets, and those not yet resolved")
                       Tickets tickets) {

    /** A user's tickets in a list answer: all, and those neither RESOLVED nor CLOSED. */
    public record Tickets(long total, long open) {

        public static final Tickets NONE = new Tickets(0, 0);
    }

    public static UserView of(EndUser u) {
        return of(u, null);
    }

    /** The user, with the one a change demoted from main site user (null: none). */
    public static UserView of(EndUser u, DemotedUser demoted) {
        return new UserView(u.getId(), u.getSite().getId(), u.getFirstName(), u.getLastName(), u.getEmail(), u.getPhone(),
                u.getMobilePhone(), u.getDepartment() == null ? null : u.getDepartment().getId(), u.getJobTitle(),
                u.getAgentId(), u.isMainSiteUser(), u.isAutoTicketDisabled(), u.isActive(), u.getAssociation(),
                u.getExternalId(), u.getTenant(), u.getCreatedAt(), u.getUpdatedAt(), u.getDeactivationReason(),
                u.getDeactivatedAt(), u.getReleasedFrom(), u.getReleasedExternalId(), demoted, null, null);
    }

    /** This view with the directory-owned fields of the account (the single-user answer). */
    public UserView withOwnedFields(Map<String, FieldOwner> owned) {
        return new UserView(id, siteId, firstName, lastName, email, phone, mobilePhone, departmentId, jobTitle, agentId,
                mainSiteUser, autoTicketDisabled, active, association, externalId, tenant, createdAt, updatedAt,
                deactivationReason, deactivatedAt, releasedFrom, releasedExternalId, demoted, owned, tickets);
    }

    /** This view with the user's ticket counts (a list answer). */
    public UserView withTickets(Tickets counts) {
        return new UserView(id, siteId, firstName, lastName, email, phone, mobilePhone, departmentId, jobTitle, agentId,
                mainSiteUser, autoTicketDisabled, active, association, externalId, tenant, createdAt, updatedAt,
                deactivationReason, deactivatedAt, releasedFrom, releasedExternalId, demoted, ownedFields, counts);
    }
}
