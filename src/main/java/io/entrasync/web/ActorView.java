package io.entrasync.web;

import io.entrasync.sync.HoldDecision;
import java.time.Instant;
import java.util.List;

/**
 * Who made a decision on a held plan, and when: {@code kind} is {@code user}, {@code key} or {@code admin-token}
 * (as in the audit trail), {@code id} the person's {@code oid} (or {@code sub}) or the key's id.
 */
record ActorView(String kind, String id, String name, Instant at) {

    static ActorView of(HoldDecision decision) {
        return new ActorView(decision.actor().kind().wire(), decision.actor().id(), decision.actor().name(),
                decision.at());
    }

    /** The decisions of one kind, oldest first. */
    static List<ActorView> all(List<HoldDecision> decisions, HoldDecision.Kind kind) {
        return decisions.stream().filter(d -> d.kind() == kind).map(ActorView::of).toList();
    }

    /** The newest decision of one kind; null when there is none. */
    static ActorView last(List<HoldDecision> decisions, HoldDecision.Kind kind) {
        List<ActorView> all = all(decisions, kind);
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }
}
