package io.entrasync.sync;

import io.entrasync.directory.DirectoryStore;
import io.entrasync.mapping.MappingEngine;
import io.entrasync.mapping.MappingRegistry;
import io.entrasync.mapping.TenantMapping;
import io.entrasync.mapping.TenantMappingStatus;
import io.entrasync.mirror.DirectoryMirror;
import io.entrasync.reconcile.Reconciler;
import io.entrasync.reconcile.RunCounts;
import io.entrasync.source.DirectorySource;
import io.entrasync.source.DirectorySourceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one queued sync run to its end. The mirror update, the planning and the account changes of a run share
 * one database transaction: a dry run or a BLOCKED run rolls it back, so the mirror, the accounts and the
 * deltaLink stay where they were; only the run record, its planned changes (written on their own) and the
 * tenant's hold (written with the run's end, in one transaction) remain.
 */
@Service
public class SyncService {

    private static final Logger log = LoggerFactory.getLogger(SyncService.class);

    private final SyncRuns runs;
    private final MappingRegistry mappings;
    private final RunCollaborators collaborators;
    private final TransactionTemplate runTransaction;
    /** Ends a BLOCKED run together with the hold it records. */
    private final TransactionTemplate endTransaction;
    private final SyncMetrics metrics;
    private final TenantHolds holds;

    SyncService(SyncRuns runs, MappingRegistry mappings, DirectorySource source, DirectoryMirror mirror,
                DirectoryStore store, ChangeLog changeLog, MainSiteUsers mainSiteUsers, JdbcTemplate jdbc,
                PlatformTransactionManager transactions, SyncMetrics metrics, TableStatistics statistics,
                TenantHolds holds, AppliedMappings appliedMappings) {
        this.runs = runs;
        this.holds = holds;
        this.metrics = metrics;
        this.mappings = mappings;
        this.collaborators = new RunCollaborators(source, mirror, store, changeLog, mainSiteUsers, new MappingEngine(),
                new Reconciler(), runs, jdbc, statistics, holds, appliedMappings);
        this.runTransaction = new TransactionTemplate(transactions);
        this.endTransaction = new TransactionTemplate(transactions);
        this.endTransaction.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
    }

    /** Executes the run; never throws: every failure ends as a FAILED run with a readable error. */
    public SyncRun execute(long runId) {
        SyncRun run = runs.start(runId);
        long started = System.nanoTime();
        log.info("sync run {} of tenant '{}' started: mode={} trigger={} dryRun={}", runId, run.getTenant(),
                run.getMode(), run.getTrigger(), run.isDryRun());
        RunResult result;
        RunExecution[] execution = new RunExecution[1];
        try {
            TenantMapping mapping = mappings.current(run.getTenant()).flatMap(TenantMappingStatus::validMapping).orElseThrow(() -> new RunFailure(
                    "tenant '" + run.getTenant() + "' has no valid mapping file; see GET /api/tenants"));
            result = runTransaction.execute(status -> {
                execution[0] = new RunExecution(run, mapping, collaborators);
                RunResult outcome = execution[0].execute();
                if (outcome.rollback()) {
                    status.setRollbackOnly();
                }
                return outcome;
            });
        } catch (DirectorySourceException | RunFailure e) {
            result = RunResult.failed(e.getMessage());
        } catch (org.springframework.dao.DataAccessException | org.springframework.transaction.TransactionException e) {
            // the run's error is read by admins on the page: plain words there, the exception's class here
            log.warn("sync run {} of tenant '{}' failed on the database ({})", runId, run.getTenant(),
                    e.getClass().getName(), e);
            result = RunResult.failed("database error; the run was rolled back and nothing was applied (the next run "
                    + "repeats it)" + said(e));
        } catch (RuntimeException e) {
            log.warn("sync run {} of tenant '{}' failed on an unexpected error ({})", runId, run.getTenant(),
                    e.getClass().getName(), e);
            result = RunResult.failed(unexpectedError(runId, e));
        }
        if (result.status() == RunStatus.FAILED && execution[0] != null) {
            execution[0].recordReadFigures();
        }
        String mappingHash = execution[0] == null ? null : execution[0].mappingHash();
        boolean reevaluated = execution[0] != null && execution[0].reevaluated();
        SyncRun finished = result.hold() == null
                ? runs.finish(runId, result.status(), result.counts(), result.error(), mappingHash, reevaluated)
                : finishHeld(run, result, mappingHash, reevaluated);
        metrics.record(finished, java.time.Duration.ofNanos(System.nanoTime() - started));
        if (finished.getStatus() == RunStatus.FAILED) {
            // BLOCKED is logged at WARN where the guard decides (RunExecution); a FAILED run needs an admin just as much
            log.warn("sync run {} of tenant '{}' FAILED: {}", runId, run.getTenant(), finished.getError());
        }
        RunCounts c = finished.counts();
        log.info("sync run {} of tenant '{}' {} in {} ms: created={} updated={} linked={} moved={} deactivated={} "
                        + "reactivated={} unchanged={} skipped={} failed={} pages={} throttled={}{}", runId,
                run.getTenant(), finished.getStatus(), (System.nanoTime() - started) / 1_000_000, c.created(), c.updated(),
                c.linked(), c.moved(), c.deactivated(), c.reactivated(), c.unchanged(), c.skipped(), c.failed(),
                finished.getPagesRead(), finished.getThrottled(),
                finished.getError() == null ? "" : " error=" + finished.getError());
        return finished;
    }

    /**
     * Ends a BLOCKED run and records the tenant's hold in one transaction: a replica dying in between leaves neither,
     * never a hold naming a run that then ends FAILED. A hold the run was to extend but an admin released meanwhile
     * stays released (the run ends FAILED saying so); a hold that cannot be written fails the run, as nothing was
     * applied and the next run plans again.
     */
    private SyncRun finishHeld(SyncRun run, RunResult result, String mappingHash, boolean reevaluated) {
        long runId = run.getId();
        try {
            return endTransaction.execute(status -> {
                // the mode as the run ended: a delta that became a full read holds the tenant as a full read
                boolean recorded = holds.blocked(runId, runs.get(runId).getMode(), run.getTenant(),
                        result.hold().fresh(), (int) result.counts().deactivated(), result.hold().reason(), mappingHash);
                if (!recorded) {
                    log.warn("sync run {} of tenant '{}': the hold it belonged to was released while it ran", runId,
                            run.getTenant());
                    return runs.finishInTransaction(runId, RunStatus.FAILED, result.counts(), "the hold of tenant '"
                            + run.getTenant() + "' was released while this run was going; nothing was applied, and "
                            + "the next run is judged by the deletion guard", mappingHash, reevaluated);
                }
                return runs.finishInTransaction(runId, result.status(), result.counts(), result.error(), mappingHash,
                        reevaluated);
            });
        } catch (RuntimeException e) {
            log.warn("sync run {} of tenant '{}': its hold could not be recorded", runId, run.getTenant(), e);
            return runs.finish(runId, RunStatus.FAILED, null, "the run was BLOCKED but the tenant's hold could not "
                    + "be recorded, so nothing was applied (the next run plans again): " + rootMessage(e),
                    mappingHash, reevaluated);
        }
    }

    /**
     * The run's error for an exception nobody expected (a bug, not a Graph, mapping or database problem), in words an
     * admin can act on: what happened to the run and where the details are. No exception class: that is in the log
     * line, with the stack trace.
     */
    static String unexpectedError(long runId, Throwable e) {
        return "an unexpected error inside entra-sync stopped the run; it was rolled back and nothing was applied (the "
                + "next run tries again). The service log has the details at WARN under 'sync run " + runId + "'"
                + said(e);
    }

    /** {@code ": <the root cause's message>"}, or nothing when it has none. */
    private static String said(Throwable e) {
        String message = rootMessage(e);
        return message == null || message.isBlank() ? "" : ": " + message;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
