package io.entrasync.auth;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A role a caller holds: an Entra app role in a token's {@code roles} claim, or given to an API key. Higher roles
 * include lower ones ({@link #expand}), so a route names the least role it needs.
 */
public enum Role {
    /** Read everything (every GET). */
    READER("EntraSync.Reader"),
    /** Post inbound mail and nothing else: the mail gateway's key. */
    INBOUND_MAIL("EntraSync.InboundMail"),
    /** Runs, dry runs, connection checks, manual users, tickets, import, sites/departments, inbound mail. */
    OPERATOR("EntraSync.Operator"),
    /** Approve or reject held plans, release holds. */
    APPROVER("EntraSync.Approver"),
    /** Everything: settings, orphan release, API keys, the audit trail. */
    ADMIN("EntraSync.Admin");

    private final String claim;

    Role(String claim) {
        this.claim = claim;
    }

    /** The name in a token's {@code roles} claim and in API key bodies, e.g. {@code EntraSync.Reader}. */
    public String claim() {
        return claim;
    }

    /** The Spring Security authority of this role, e.g. {@code ROLE_READER}. */
    public String authority() {
        return "ROLE_" + name();
    }

    /** The role of a claim value; unknown values (other apps' roles) are none. */
    public static Optional<Role> ofClaim(String value) {
        return Arrays.stream(values()).filter(r -> r.claim.equals(value)).findFirst();
    }

    /**
     * The roles a caller effectively holds: Admin includes every role; Operator includes Reader and inbound mail;
     * Approver includes Reader. The inbound-mail role includes nothing.
     */
    public static Set<Role> expand(Set<Role> held) {
        EnumSet<Role> all = EnumSet.noneOf(Role.class);
        all.addAll(held);
        if (held.contains(ADMIN)) {
            return EnumSet.allOf(Role.class);
        }
        if (held.contains(OPERATOR)) {
            all.add(READER);
            all.add(INBOUND_MAIL);
        }
        if (held.contains(APPROVER)) {
            all.add(READER);
        }
        return all;
    }
}
