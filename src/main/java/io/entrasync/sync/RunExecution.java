package io.entrasync.sync;

import io.entrasync.directory.DirectoryStore;
import io.entrasync.mapping.TenantMapping;
import io.entrasync.mirror.FullRead;
import io.entrasync.mirror.GroupClosure;
import io.entrasync.mirror.MirrorUser;
import io.entrasync.reconcile.ChangeSet;
import io.entrasync.reconcile.Desired;
import io.entrasync.reconcile.EmailClaims;
import io.entrasync.reconcile.LocalAccounts;
import io.entrasync.reconcile.RunCounts;
import io.entrasync.source.DeltaOutcome;
import io.entrasync.source.RemovedObject;
import io.entrasync.source.TenantConnection;
import io.entrasync.source.UserPage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run, inside its transaction: read the deltas into the mirror, confirm removals of a full run, then plan
 * and apply the changes chunk by chunk, and finally let {@link RunConclusion} (the deletion guard, the tenant's hold,
 * an approval) decide whether the run may stand.
 */
final class RunExecution {

    static final int CHUNK = 500;
    /**
     * The reconcile phase writes its progress (and refreshes the tenant's lock) at most this often: each write is
     * a transaction of its own, and per chunk they cost ~5 ms each (0.9 s of a 100k run).
     */
    private static final long PROGRESS_EVERY_NANOS = java.time.Duration.ofSeconds(2).toNanos();
    private static final Logger log = LoggerFactory.getLogger(RunExecution.class);

    private final SyncRun run;
    private final long runId;
    private final String tenant;
    private final TenantMapping mapping;
    private final TenantConnection connection;
    private final RunCollaborators c;
    private final DirectoryStore.NameCache names = new DirectoryStore.NameCache();
    private final RunCounts.Accumulator counts = new RunCounts.Accumulator();
    private int pages;
    private int throttled;
    private int retries;
    private int processed;
    private int chunks;
    /**
     * A tenant's first sync fills the tables inside one transaction, so their statistics go stale; only a large
     * tenant (25 pages and more) is worth an ANALYZE, which costs more than a small tenant's whole run.
     */
    private boolean firstSync;
    /** The chunk after which a first sync next refreshes end_user's statistics. */
    private int analyzeAccountsAt = 4;
    private DesiredStateBuilder desiredState;
    private final PhaseTimer timer = new PhaseTimer();
    private EmailClaimLookup emailClaims;
    private GroupClosure groupClosure;
    private boolean ownedAccountsBefore;
    /** A delta run that evaluates every mirrored user, because the mapping changed since the last applied run. */
    private boolean reevaluate;
    /** {@link #lastApplied()}, once read. */
    private Optional<AppliedMappings.Applied> lastApplied;
    /** When the reconcile phase last wrote its progress (System.nanoTime), so it writes it every few seconds only. */
    private long progressReportedAt = System.nanoTime();
    /** The users the mirror holds that the full read did not mention. */
    private List<String> usersNotSeen = List.of();
    private final ChangeApplier applier;

    RunExecution(SyncRun run, TenantMapping mapping, RunCollaborators collaborators) {
        this.run = run;
        this.runId = run.getId();
        this.tenant = run.getTenant();
        this.mapping = mapping;
        this.connection = mapping.connection();
        this.c = collaborators;
        this.applier = new ChangeApplier(run, collaborators, names, counts, run.getApprovesRunId() == null ? null
                : collaborators.changeLog().deactivatedAccounts(run.getApprovesRunId()));
    }

    /** The deltaLinks a complete read ends with. */
    private record Links(String users, String groups) {
    }

    RunResult execute() {
        boolean full = run.getMode() == SyncMode.FULL;
        if (relinkReleased() && !full) {
            // a released account's directory user may have gone meanwhile: only a full read finds that out
            full = true;
            c.runs().becameFull(runId, false);
        }
        String usersLink = null;
        String groupsLink = null;
        if (!full) {
            usersLink = c.mirror().usersDeltaLink(tenant).orElse(null);
            groupsLink = c.mirror().groupsDeltaLink(tenant).orElse(null);
            if (usersLink == null || groupsLink == null) {
                full = true;
                c.runs().becameFull(runId, false);
            }
        }
        long activeBefore = c.store().activeOwnedAccounts(tenant);
        ownedAccountsBefore = c.store().ownsAccounts(tenant);
        firstSync = c.mirror().holdsNoUsers(tenant);
        Set<String> touched = new HashSet<>();
        boolean fullRead = full;
        String users = usersLink;
        String groups = groupsLink;
        Links links = timer.time("read", () -> read(fullRead, users, groups, touched));
        if (links == null) {
            log.info("sync run {}: Graph asked tenant '{}' for a full resync; enumerating everything", runId, tenant);
            full = true;
            c.runs().becameFull(runId, true);
            links = timer.time("read", () -> read(true, null, null, touched));
            if (links == null) {
                throw new RunFailure("Graph asked for a resync even on a full enumeration of tenant '" + tenant + "'");
            }
        }
        if (firstSync && pages >= 25) {
            timer.time("analyzeMirror", () -> c.statistics().afterMirrorWrites());
        }
        if (full) {
            timer.time("confirmRemovals", this::confirmRemovals);
        }
        reevaluate = !full && mappingChanged();
        // a delta that touched no user has nothing to reconcile (most runs of an MSP's quiet tenants)
        if (full || reevaluate || !touched.isEmpty()) {
            reconcileAll(full || reevaluate, touched);
        }
        if (processed > 0) {
            timer.time("progress", this::reportProgress);
        }
        RunResult result = conclude(activeBefore, links);
        log.info("sync run {} of tenant '{}' timing: {}", runId, tenant, timer);
        return result;
    }

    /**
     * Re-links, by directory id, the accounts an admin released from this tenant while it had no mapping file (a hard
     * match, before any email matching); the run then treats them as any account of the tenant. Counted and logged
     * as links. Answers whether there were any. In the run's transaction: a dry or BLOCKED run re-links nothing.
     */
    private boolean relinkReleased() {
        List<ReleasedAccounts.Account> relinked = new ReleasedAccounts(c.jdbc()).relink(tenant, java.time.Instant.now());
        List<ChangeLog.Entry> entries = new ArrayList<>(relinked.size());
        for (ReleasedAccounts.Account account : relinked) {
            counts.add(new io.entrasync.reconcile.Change.Link(account.externalId(), account.id(), false, List.of()));
            entries.add(new ChangeLog.Entry(runId, account.id(), account.externalId(), account.email(), "LINK",
                    "re-linked by directory id: released from tenant '" + tenant + "' while it had no mapping file",
                    null, null, false));
        }
        c.changeLog().record(entries);
        if (!relinked.isEmpty()) {
            log.info("sync run {}: re-linked {} accounts released from tenant '{}' by directory id", runId,
                    relinked.size(), tenant);
        }
        return !relinked.isEmpty();
    }

    /**
     * A delta only names the users Graph changed; a mapping that changed since the last applied run (scope, sites,
     * departments, fields) changes what every user should be, so such a run evaluates the whole mirror (through the
     * guard, like a full run, but without a full read from Graph). A delta run follows an applied run (the deltaLinks
     * are saved with its mapping), so a missing record means that run predates it (an upgrade to V13): re-evaluated
     * once, as a hash computed the older way would have been.
     */
    private boolean mappingChanged() {
        Optional<AppliedMappings.Applied> last = lastApplied();
        boolean changed = last.map(applied -> !mapping.contentHash().equals(applied.mappingHash())).orElse(true);
        if (changed) {
            log.info("sync run {}: the mapping of tenant '{}' changed since {}; re-evaluating every mirrored user",
                    runId, tenant, last.map(applied -> "run " + applied.runId()).orElse("its last applied run"));
        }
        return changed;
    }

    /** The tenant's last applied mapping, read once per run (the tenant's lock keeps other runs from changing it). */
    private Optional<AppliedMappings.Applied> lastApplied() {
        if (lastApplied == null) {
            lastApplied = c.appliedMappings().last(tenant);
        }
        return lastApplied;
    }

    /** {@code everyone}: evaluate every mirror user (a full run, a changed mapping); otherwise the touched ones. */
    private void reconcileAll(boolean everyone, Set<String> touched) {
        // A full run looks up the tenant's shared emails once; a delta touches few users, whose claimants are
        // cheaper to look up per chunk than a scan of the tenant's whole mirror.
        emailClaims = everyone ? timer.time("sharedEmails", () -> EmailClaimLookup.load(tenant, mapping, c))
                : EmailClaimLookup.perChunk(tenant, mapping, c);
        desiredState = new DesiredStateBuilder(mapping, c.engine(), c.store(), names,
                timer.time("mainSiteUsers", () -> c.mainSiteUsers().decide(mapping)).chosen());
        if (everyone) {
            forEachMirrorChunk((chunk, ids) -> reconcile(chunk, ids, true));
            return;
        }
        List<String> ids = new ArrayList<>(new TreeSet<>(touched));
        for (int i = 0; i < ids.size(); i += CHUNK) {
            List<String> chunk = ids.subList(i, Math.min(ids.size(), i + CHUNK));
            reconcile(timer.time("mirrorUsers", () -> c.mirror().users(tenant, chunk)), chunk, false);
        }
    }

    private RunResult conclude(long activeBefore, Links links) {
        TenantHold hold = c.holds().current(tenant).orElse(null);
        RunConclusion.Verdict verdict = RunConclusion.decide(new RunConclusion.Inputs(runId, tenant, counts.counts(),
                activeBefore, mapping.safety(), run.isDryRun(), hold, mapping.contentHash(), approval(hold)));
        RunResult result = verdict.result();
        if (result.status() == RunStatus.BLOCKED) {
            log.warn("sync run {} of tenant '{}' BLOCKED: {}", runId, tenant, result.error());
        }
        if (!result.rollback()) {
            if (verdict.endsHold() && c.holds().release(tenant)) {
                log.info("sync run {}: the hold of tenant '{}' ended ({})", runId, tenant,
                        hold.mappingChangedTo(mapping.contentHash()) ? RunConclusion.HOLD_ENDED_BY_MAPPING : "approved");
            }
            c.appliedMappings().applied(tenant, runId, mapping, lastApplied());
            c.mirror().saveDeltaLinks(tenant, links.users(), links.groups());
        }
        return result;
    }

    /**
     * The approval this run carries out; null for any other run, and for an approval that no longer stands: its hold
     * was rejected, released or lifted after it was queued, or the mapping changed since the approved plan was made
     * (that plan is not what this run would apply). The admin's later decision, or the new mapping, wins: the run is
     * judged as held, or re-planned and judged by the guard.
     */
    private RunConclusion.Approval approval(TenantHold hold) {
        Long approved = run.getApprovesRunId();
        if (approved == null || hold == null || hold.state() != TenantHold.State.PENDING || !hold.covers(approved)
                || hold.mappingChangedTo(mapping.contentHash())) {
            return null;
        }
        SyncRun plan = c.runs().get(approved);
        if (!mapping.contentHash().equals(plan.getMappingHash())) {
            return null;
        }
        return new RunConclusion.Approval(approved, (int) plan.counts().deactivated(), applier.reviewedApplied());
    }

    /** The mapping this run evaluates (recorded on the run). */
    String mappingHash() {
        return mapping.contentHash();
    }

    /** Whether this delta run re-evaluated every mirrored user because the mapping changed. */
    boolean reevaluated() {
        return reevaluate;
    }

    /**
     * Reads both delta streams into the mirror. A full read stages its pages ("mirrorStage" in the timing line)
     * and merges them at its end ("mirrorMerge"); both are part of "read".
     */
    private Links read(boolean full, String usersLink, String groupsLink, Set<String> touched) {
        boolean lowPriority = run.getTrigger() == RunTrigger.SCHEDULE;
        FullRead fullRead = full ? c.mirror().beginFullRead(tenant, runId) : null;
        ParallelDeltaRead.Outcomes outcomes = ParallelDeltaRead.read(c.source(), connection, full ? null : usersLink,
                full ? null : groupsLink, lowPriority, page -> {
                    if (full) {
                        timer.time("mirrorStage", () -> fullRead.users(page));
                    } else {
                        touched.addAll(c.mirror().applyUsers(tenant, runId, page));
                    }
                    pageRead(full);
                }, page -> {
                    if (full) {
                        timer.time("mirrorStage", () -> fullRead.groups(page));
                    } else {
                        touched.addAll(c.mirror().applyGroups(tenant, runId, page));
                    }
                    pageRead(full);
                });
        count(outcomes.users());
        count(outcomes.groups());
        if (outcomes.users() instanceof DeltaOutcome.ResyncRequired
                || outcomes.groups() instanceof DeltaOutcome.ResyncRequired) {
            return null;
        }
        if (full) {
            usersNotSeen = timer.time("mirrorMerge", fullRead::finish);
        }
        return new Links(((DeltaOutcome.Completed) outcomes.users()).deltaLink(),
                ((DeltaOutcome.Completed) outcomes.groups()).deltaLink());
    }

    /** A full read stages its pages and leaves the mirror tables as they are until its end: nothing to analyze. */
    private void pageRead(boolean full) {
        pages++;
        if (firstSync && !full && (pages == 25 || pages % 250 == 0)) {
            timer.time("analyze", () -> c.statistics().afterMirrorWrites());
        }
        if (pages % 20 == 0) {
            reportProgress();
        }
    }

    private void count(DeltaOutcome outcome) {
        DeltaOutcome.ReadStats stats = outcome instanceof DeltaOutcome.Completed done ? done.stats()
                : ((DeltaOutcome.ResyncRequired) outcome).stats();
        throttled += stats.throttled();
        retries += stats.retries();
    }

    /**
     * A full enumeration that did not mention a user is no proof it is gone (a truncated answer must never wipe a
     * tenant): each such user is removed only once Graph confirms it has no such user (in batches).
     */
    private void confirmRemovals() {
        List<RemovedObject> gone = new ArrayList<>();
        Set<String> missing = usersNotSeen.isEmpty() ? Set.of() : c.source().missingUsers(connection, usersNotSeen);
        for (String id : usersNotSeen) {
            if (missing.contains(id)) {
                gone.add(new RemovedObject(id, RemovedObject.Reason.NOT_IN_FULL_READ));
            } else {
                log.warn("sync run {}: user {} of tenant '{}' was missing from the full enumeration but still exists; "
                        + "left as it was", runId, id, tenant);
            }
        }
        for (int i = 0; i < gone.size(); i += CHUNK) {
            c.mirror().applyUsers(tenant, runId, new UserPage(List.of(), gone.subList(i, Math.min(gone.size(), i + CHUNK))));
        }
    }

    /** Walks every mirror user of the tenant in id order, a chunk at a time. */
    private void forEachMirrorChunk(java.util.function.BiConsumer<List<MirrorUser>, List<String>> chunkConsumer) {
        String after = "";
        while (true) {
            String from = after;
            List<MirrorUser> users = timer.time("mirrorUsers", () -> c.mirror().usersAfter(tenant, from, CHUNK));
            if (users.isEmpty()) {
                return;
            }
            chunkConsumer.accept(users, users.stream().map(MirrorUser::id).toList());
            after = users.get(users.size() - 1).id();
        }
    }

    /** The mirror is fully written by the time chunks are planned: one load of the group hierarchy serves them all. */
    private GroupClosure groupClosure() {
        if (groupClosure == null) {
            groupClosure = c.mirror().groupClosure(tenant);
        }
        return groupClosure;
    }

    /**
     * Plans and applies the changes of one chunk: {@code users} are the mirror's users of the {@code ids} it knows;
     * {@code idRange}: the ids are every mirror user from the first to the last (a chunk of a full run).
     */
    private void reconcile(List<MirrorUser> users, List<String> ids, boolean idRange) {
        List<String> present = users.stream().filter(u -> !u.removed()).map(MirrorUser::id).toList();
        Map<String, Set<io.entrasync.mirror.GroupRef>> groups = timer.time("groups", () -> idRange && !present.isEmpty()
                ? groupClosure().groupsOfRange(ids.get(0), ids.get(ids.size() - 1), present)
                : groupClosure().groupsOf(present));
        List<Desired> desired = new ArrayList<>(users.size());
        Map<String, String> emails = new HashMap<>();
        timer.time("mapping", () -> {
            for (MirrorUser user : users) {
                Desired d = desiredState.desired(user, GroupRefs.toMapping(groups.getOrDefault(user.id(), Set.of())));
                desired.add(d);
                if (d instanceof Desired.Present p) {
                    emails.put(user.id(), p.account().email());
                }
            }
        });
        // A tenant that owned no account when the run began owns only those this run created or linked, each for a
        // user of an earlier chunk (chunks never share a user): none can match this chunk's ids, so skip that lookup.
        LocalAccounts local = timer.time("accounts", () -> c.store().load(tenant, ownedAccountsBefore ? ids : List.of(),
                emails.values()));
        EmailClaims claims = timer.time("claims", () -> emailClaims.claims(emails.values(), groupClosure()));
        ChangeSet plan = timer.time("plan", () -> OpenTickets.reported(
                c.reconciler().planAll(tenant, desired, local, claims), c.store()));
        List<ChangeLog.Entry> entries = timer.time("apply", () -> applier.apply(plan, emails, local));
        timer.time("flush", () -> c.store().endChunk());
        timer.time("changeLog", () -> c.changeLog().record(entries));
        processed += ids.size();
        chunks++;
        if (firstSync && chunks == analyzeAccountsAt) {
            // without it, the account lookups of a first sync degrade to scans as end_user fills (measured:
            // accounts step 2.2 s -> 8.7 s at 100k users). At chunks 4, 16, 64, ...: statistics only need to follow
            // the table's order of magnitude, and an ANALYZE every 50 chunks cost 13.8 s of a 1M-user first sync.
            analyzeAccountsAt *= 4;
            timer.time("analyzeAccounts", () -> c.statistics().afterAccountWrites());
        }
        if (System.nanoTime() - progressReportedAt >= PROGRESS_EVERY_NANOS) {
            timer.time("progress", this::reportProgress);
        }
    }

    /**
     * Writes the pages, throttled answers and retries counted so far, for a run that failed: they tell an admin
     * how far it got and whether Graph was throttling. Never throws (the database may be what failed).
     */
    void recordReadFigures() {
        try {
            reportProgress();
        } catch (RuntimeException e) {
            log.debug("sync run {}: could not record the read figures of a failed run: {}", runId, e.getMessage());
        }
    }

    private void reportProgress() {
        progressReportedAt = System.nanoTime();
        c.runs().progress(runId, new DeltaOutcome.ReadStats(pages, throttled, retries), processed);
    }
}
