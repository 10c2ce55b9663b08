package io.entrasync.sync;

import io.entrasync.mapping.MappingResult;
import io.entrasync.mapping.TenantMapping;
import io.entrasync.mirror.GroupClosure;
import io.entrasync.mirror.MirrorUser;
import io.entrasync.reconcile.EmailClaims;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Who claims an email, for the reconcile core's conflict rule. The emails that more than one present directory
 * user of the tenant has are found with one query per run, so the chunks look up claimants only for those
 * (almost always none).
 */
final class EmailClaimLookup {

    private final String tenant;
    private final TenantMapping mapping;
    private final RunCollaborators c;
    /** The emails more than one present user claims; null: unknown, look every email up. */
    private final Set<String> sharedEmails;

    private EmailClaimLookup(String tenant, TenantMapping mapping, RunCollaborators c, Set<String> sharedEmails) {
        this.tenant = tenant;
        this.mapping = mapping;
        this.c = c;
        this.sharedEmails = sharedEmails;
    }

    /**
     * For a run that reconciles few users: every chunk asks the mirror for the claimants of its emails (one indexed
     * query), instead of the tenant-wide scan of {@link #load}.
     */
    static EmailClaimLookup perChunk(String tenant, TenantMapping mapping, RunCollaborators c) {
        return new EmailClaimLookup(tenant, mapping, c, null);
    }

    /** Call after the run's mirror writes: the shared emails are read from the mirror as it is then. */
    static EmailClaimLookup load(String tenant, TenantMapping mapping, RunCollaborators c) {
        return new EmailClaimLookup(tenant, mapping, c, new HashSet<>(c.jdbc().queryForList("select email_key from "
                + "mirror_user where tenant = ? and removed = false and email_key is not null group by email_key "
                + "having count(*) > 1", String.class, tenant)));
    }

    /**
     * Which in-scope directory users claim each email: two or more is a conflict the reconcile core reports
     * instead of merging. Other claimants that are out of scope do not count.
     */
    EmailClaims claims(Collection<String> emails, GroupClosure groupClosure) {
        List<String> shared = emails.stream().map(e -> e.toLowerCase(Locale.ROOT))
                .filter(e -> sharedEmails == null || sharedEmails.contains(e)).toList();
        if (shared.isEmpty()) {
            return EmailClaims.none();
        }
        Map<String, List<String>> claimants = c.mirror().claimantsByEmail(tenant, shared);
        Map<String, List<String>> inScope = new HashMap<>();
        for (Map.Entry<String, List<String>> entry : claimants.entrySet()) {
            if (entry.getValue().size() < 2) {
                inScope.put(entry.getKey(), entry.getValue());
                continue;
            }
            Map<String, Set<io.entrasync.mirror.GroupRef>> groups = groupClosure.groupsOf(entry.getValue());
            List<String> kept = new ArrayList<>();
            for (MirrorUser other : c.mirror().users(tenant, entry.getValue())) {
                MappingResult result = c.engine().evaluate(mapping, other.toDirectoryUser(),
                        GroupRefs.toMapping(groups.getOrDefault(other.id(), Set.of())));
                if (!other.removed() && result instanceof MappingResult.InScope) {
                    kept.add(other.id());
                }
            }
            inScope.put(entry.getKey(), kept);
        }
        return EmailClaims.of(inScope);
    }
}
