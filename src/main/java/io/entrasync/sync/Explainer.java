package io.entrasync.sync;

import io.entrasync.directory.EndUser;
import io.entrasync.mapping.Explanation;
import io.entrasync.mapping.MappingEngine;
import io.entrasync.mapping.MappingRegistry;
import io.entrasync.mapping.MappingResult;
import io.entrasync.mapping.TenantMapping;
import io.entrasync.mirror.DirectoryMirror;
import io.entrasync.mirror.MirrorUser;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * "Why is this user here": replays the tenant's mapping on the user as the mirror last saw it (the same input
 * the last run used) and answers which rules decided scope, site, department, main user and tickets.
 */
@Service
public class Explainer {

    /** The answer; {@code outcome} is IN_SCOPE, OUT_OF_SCOPE, UNMAPPED, REMOVED, NOT_IN_MIRROR or LOCAL_ACCOUNT. */
    public record Explained(long userId, String tenant, String externalId, String outcome, String reason,
                            Explanation rules, List<String> groups) {
    }

    private final MappingRegistry mappings;
    private final DirectoryMirror mirror;
    private final MappingEngine engine = new MappingEngine();

    Explainer(MappingRegistry mappings, DirectoryMirror mirror) {
        this.mappings = mappings;
        this.mirror = mirror;
    }

    public Explained explain(EndUser user) {
        if (user.getTenant() == null || user.getExternalId() == null) {
            return new Explained(user.getId(), null, null, "LOCAL_ACCOUNT", "a " + user.getAssociation()
                    + " local account (created by an admin, an import or an email); no directory rule applies", null,
                    List.of());
        }
        Optional<TenantMapping> mapping = mappings.tenant(user.getTenant());
        if (mapping.isEmpty()) {
            return new Explained(user.getId(), user.getTenant(), user.getExternalId(), "NO_MAPPING",
                    "tenant '" + user.getTenant() + "' has no valid mapping file now", null, List.of());
        }
        Optional<MirrorUser> seen = mirror.user(user.getTenant(), user.getExternalId());
        if (seen.isEmpty()) {
            return new Explained(user.getId(), user.getTenant(), user.getExternalId(), "NOT_IN_MIRROR",
                    "the directory user is not in the mirror (no run has seen it yet)", null, List.of());
        }
        if (seen.get().removed()) {
            return new Explained(user.getId(), user.getTenant(), user.getExternalId(), "REMOVED",
                    "the directory reported the user removed (" + seen.get().removedReason() + ")", null, List.of());
        }
        Set<io.entrasync.mirror.GroupRef> groups = mirror.transitiveGroups(user.getTenant(), List.of(user.getExternalId()))
                .getOrDefault(user.getExternalId(), Set.of());
        MappingResult result = engine.evaluate(mapping.get(), seen.get().toDirectoryUser(), GroupRefs.toMapping(groups));
        List<String> groupNames = groups.stream().map(g -> g.displayName() == null ? g.id() : g.displayName()).sorted().toList();
        if (result instanceof MappingResult.InScope) {
            return new Explained(user.getId(), user.getTenant(), user.getExternalId(), "IN_SCOPE", null, result.why(),
                    groupNames);
        }
        if (result instanceof MappingResult.OutOfScope out) {
            return new Explained(user.getId(), user.getTenant(), user.getExternalId(), "OUT_OF_SCOPE", out.reason(),
                    result.why(), groupNames);
        }
        return new Explained(user.getId(), user.getTenant(), user.getExternalId(), "UNMAPPED",
                ((MappingResult.Unmapped) result).reason(), result.why(), groupNames);
    }
}
