package io.entrasync.sync;

import io.entrasync.directory.DirectoryStore;
import io.entrasync.reconcile.Change;
import io.entrasync.reconcile.ChangeSet;
import io.entrasync.reconcile.LocalAccount;
import io.entrasync.reconcile.LocalAccounts;
import io.entrasync.reconcile.RunCounts;
import io.entrasync.reconcile.SkipReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one chunk's planned changes to the directory, inside the run's transaction: one failing user is counted
 * as failed and logged with its id, never aborting the run; new accounts go in one batch.
 */
final class ChangeApplier {

    private static final Logger log = LoggerFactory.getLogger(ChangeApplier.class);

    private final SyncRun run;
    private final long runId;
    private final String tenant;
    private final RunCollaborators c;
    private final DirectoryStore.NameCache names;
    private final RunCounts.Accumulator counts;
    /** The accounts the plan an approval run carries out deactivated; null for any other run. */
    private final java.util.Set<Long> reviewed;
    private int reviewedApplied;

    /**
     * @param reviewed for an approval run, the accounts the approved plan deactivated; null otherwise
     */
    ChangeApplier(SyncRun run, RunCollaborators collaborators, DirectoryStore.NameCache names,
                  RunCounts.Accumulator counts, java.util.Set<Long> reviewed) {
        this.reviewed = reviewed;
        this.run = run;
        this.runId = run.getId();
        this.tenant = run.getTenant();
        this.c = collaborators;
        this.names = names;
        this.counts = counts;
    }

    /**
     * Applies the chunk's plan and answers its change-log entries (Unchanged ones are not logged). {@code emails}
     * are the directory's emails of the chunk's present users; a change of a user the directory no longer offers
     * (a deactivation) is logged with its account's email from {@code local}, the snapshots the plan was made
     * from (no query of its own).
     */
    List<ChangeLog.Entry> apply(ChangeSet plan, Map<String, String> emails, LocalAccounts local) {
        List<ChangeLog.Entry> entries = new ArrayList<>(plan.changes().size());
        c.store().prefetch(plan.changes().stream()
                .filter(ch -> ch.accountId() != null && !(ch instanceof Change.Unchanged) && !(ch instanceof Change.Skip))
                .map(Change::accountId).toList());
        List<Change.Create> creates = new ArrayList<>();
        for (Change change : plan.changes()) {
            if (change instanceof Change.Create create) {
                creates.add(create);
                continue;
            }
            try {
                Long userId = c.store().apply(tenant, change, names);
                counts.add(change);
                if (!(change instanceof Change.Unchanged)) {
                    ChangeLog.Entry entry = ChangeLog.entry(runId, change, userId, email(change, emails, local));
                    entries.add(reviewedDeactivation(change, entry));
                }
            } catch (RuntimeException e) {
                counts.addFailed();
                log.warn("sync run {}: user {} of tenant '{}' failed: {}", runId, change.externalId(), tenant, e.getMessage());
                entries.add(ChangeLog.failure(runId, change, e.getMessage()));
            }
        }
        createAll(creates, emails, entries);
        return entries;
    }

    /**
     * In an approval run, counts a deactivation the approved plan listed, and marks one it did not (the conclusion
     * judges those by the tenant's usual limits).
     */
    private ChangeLog.Entry reviewedDeactivation(Change change, ChangeLog.Entry entry) {
        if (reviewed == null || !(change instanceof Change.Deactivate)) {
            return entry;
        }
        if (reviewed.contains(change.accountId())) {
            reviewedApplied++;
            return entry;
        }
        return entry.markedNotInReviewedPlan();
    }

    /** The deactivations of the approved plan this approval run applied (0 for any other run). */
    int reviewedApplied() {
        return reviewedApplied;
    }

    private String email(Change change, Map<String, String> emails, LocalAccounts local) {
        String email = emails.get(change.externalId());
        if (email != null || change.accountId() == null) {
            return email;
        }
        return local.byExternalId(tenant, change.externalId()).filter(a -> a.id() == change.accountId())
                .map(LocalAccount::email).orElse(null);
    }

    /** New accounts in one batch; an email taken meanwhile by another tenant's run is reported, not fatal. */
    private void createAll(List<Change.Create> creates, Map<String, String> emails, List<ChangeLog.Entry> entries) {
        Map<String, Long> created = c.store().createAll(tenant, creates, names);
        for (Change.Create create : creates) {
            Long id = created.get(create.externalId());
            if (id != null) {
                counts.add(create);
                entries.add(ChangeLog.entry(runId, create, run.isDryRun() ? null : id, emails.get(create.externalId())));
            } else {
                Change.Skip skip = new Change.Skip(create.externalId(), null, SkipReason.EMAIL_CLAIMED,
                        "email " + create.account().email() + " was taken by another account while this run ran");
                log.warn("sync run {}: user {} of tenant '{}' skipped: {}", runId, create.externalId(), tenant, skip.detail());
                counts.add(skip);
                entries.add(ChangeLog.entry(runId, skip, null, emails.get(create.externalId())));
            }
        }
    }

}
