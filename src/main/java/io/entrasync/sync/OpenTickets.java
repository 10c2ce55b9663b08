package io.entrasync.sync;

import io.entrasync.directory.DirectoryStore;
import io.entrasync.reconcile.Change;
import io.entrasync.reconcile.ChangeSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fills in the open-ticket counts of a chunk's planned deactivations, which the change log reports. Counted here
 * for the few accounts being deactivated rather than for every account a chunk loads (most are unchanged).
 */
final class OpenTickets {

    private OpenTickets() {
    }

    static ChangeSet reported(ChangeSet plan, DirectoryStore store) {
        List<Long> deactivated = plan.changes().stream().filter(ch -> ch instanceof Change.Deactivate)
                .map(Change::accountId).toList();
        if (deactivated.isEmpty()) {
            return plan;
        }
        Map<Long, Integer> open = store.openTickets(deactivated);
        List<Change> changes = new ArrayList<>(plan.changes().size());
        for (Change change : plan.changes()) {
            if (change instanceof Change.Deactivate d) {
                changes.add(new Change.Deactivate(d.externalId(), d.accountId(), d.reason(),
                        open.getOrDefault(d.accountId(), 0), d.wasMainSiteUser()));
            } else {
                changes.add(change);
            }
        }
        return new ChangeSet(plan.tenant(), changes);
    }
}
