package io.entrasync.reconcile;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Chooses one main site user per site when the directory names several (a helpdesk site has at most one).
 * The choice depends only on the candidates, never on their order: lowest email (case-insensitive, a missing
 * email last), then lowest externalId. Stateless.
 */
public final class MainSiteUserPicker {

    /** Candidate order: the first one is picked. */
    static final Comparator<Candidate> ORDER = Comparator
            .comparing((Candidate c) -> Values.normalizeEmail(c.email()), Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Candidate::externalId);

    /**
     * A directory user the mapping marks as main site user.
     *
     * @param externalId never null
     * @param email      may be null
     */
    public record Candidate(String externalId, String email) {
        public Candidate {
            Objects.requireNonNull(externalId, "externalId");
        }
    }

    /**
     * The choice for one site.
     *
     * @param site       never null
     * @param chosen     never null
     * @param passedOver the other candidates, in candidate order, to report; never null
     */
    public record Pick(String site, Candidate chosen, List<Candidate> passedOver) {
        public Pick {
            Objects.requireNonNull(site, "site");
            Objects.requireNonNull(chosen, "chosen");
            passedOver = List.copyOf(passedOver);
        }

        /** Whether more than one user claimed the site, i.e. whether there is something to report. */
        public boolean contested() {
            return !passedOver.isEmpty();
        }
    }

    /**
     * One pick per site that has at least one candidate, sorted by site name. Duplicate candidates count once.
     * Sites with no candidate are left out.
     */
    public List<Pick> pick(Map<String, ? extends Collection<Candidate>> candidatesBySite) {
        List<Pick> picks = new ArrayList<>();
        new TreeMap<>(candidatesBySite).forEach((site, candidates) -> {
            List<Candidate> ordered = candidates == null ? List.of()
                    : candidates.stream().filter(Objects::nonNull).distinct().sorted(ORDER).toList();
            if (!ordered.isEmpty()) {
                picks.add(new Pick(site, ordered.get(0), ordered.subList(1, ordered.size())));
            }
        });
        return List.copyOf(picks);
    }
}
