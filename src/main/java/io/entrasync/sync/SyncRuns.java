package io.entrasync.sync;

import io.entrasync.auth.Caller;
import io.entrasync.problem.ConflictException;
import io.entrasync.problem.NotFoundException;
import io.entrasync.reconcile.RunCounts;
import io.entrasync.source.DeltaOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The lifecycle of run records. Each step commits on its own, so the run's state is visible to the API and to
 * other replicas while the run's own transaction is still open; a step that takes, refreshes or releases the
 * tenant's {@link RunLock} does so in the same commit (one transaction per step: with a thousand small tenants,
 * the bookkeeping commits are a good part of a delta run).
 */
@Service
public class SyncRuns {

    /** A lock older than this belongs to a replica that died mid-run. */
    static final Duration STALE_LOCK = Duration.ofHours(2);

    private final SyncRunRepository runs;
    private final RunLock lock;
    private final JdbcTemplate jdbc;

    SyncRuns(SyncRunRepository runs, RunLock lock, JdbcTemplate jdbc) {
        this.runs = runs;
        this.lock = lock;
        this.jdbc = jdbc;
    }

    /**
     * Records a new run as QUEUED and takes the tenant's lock; a tenant with an active run answers 409 naming it.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public SyncRun queue(String tenant, SyncMode mode, RunTrigger trigger, boolean dryRun, Long approvesRunId) {
        return queue(tenant, mode, trigger, dryRun, approvesRunId, null);
    }

    /**
     * As {@link #queue(String, SyncMode, RunTrigger, boolean, Long)}, recording the scheduled fire it belongs to.
     * The run is triggered by the schedule (SCHEDULE), Graph (NOTIFIED) or the caller of the current request.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public SyncRun queue(String tenant, SyncMode mode, RunTrigger trigger, boolean dryRun, Long approvesRunId,
                         Instant firedAt) {
        return queue(tenant, mode, trigger, dryRun, approvesRunId, firedAt, triggeredBy(trigger));
    }

    /** As {@link #queue(String, SyncMode, RunTrigger, boolean, Long, Instant)} by the actor given (a retried run). */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public SyncRun queue(String tenant, SyncMode mode, RunTrigger trigger, boolean dryRun, Long approvesRunId,
                         Instant firedAt, Caller triggeredBy) {
        SyncRun run = runs.saveAndFlush(new SyncRun(tenant, mode, trigger, dryRun, approvesRunId, firedAt,
                triggeredBy));
        if (!lock.tryAcquire(tenant, run.getId(), STALE_LOCK)) {
            Long holder = lock.holder(tenant).orElse(null);
            throw new ConflictException("tenant", "tenant '" + tenant + "' already has an active run"
                    + (holder == null ? "" : " (run " + holder + ")"));
        }
        return run;
    }

    /** Who starts a run of this trigger: the schedule, Graph, or the caller of the current request (if any). */
    static Caller triggeredBy(RunTrigger trigger) {
        return switch (trigger) {
            case SCHEDULE -> Caller.SCHEDULE;
            case NOTIFIED -> Caller.GRAPH;
            default -> Caller.current().orElse(null);
        };
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public SyncRun start(long runId) {
        SyncRun run = get(runId);
        run.start();
        return run;
    }

    /** Records how far the run got and keeps its lock fresh: two updates, no read (a run reports after each chunk). */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void progress(long runId, DeltaOutcome.ReadStats stats, int usersProcessed) {
        jdbc.update("update sync_run set pages_read = ?, throttled = ?, retries = ?, users_processed = ? where id = ?",
                stats.pages(), stats.throttled(), stats.retries(), usersProcessed, runId);
        lock.refresh(runId);
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void becameFull(long runId, boolean resync) {
        SyncRun run = get(runId);
        if (resync) {
            run.becameFull();
        } else {
            run.runAsFull();
        }
    }

    /** Ends the run and releases the tenant's lock. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public SyncRun finish(long runId, RunStatus status, RunCounts counts, String error) {
        return finish(runId, status, counts, error, null, false);
    }

    /** Ends the run, recording the mapping it evaluated, and releases the tenant's lock. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public SyncRun finish(long runId, RunStatus status, RunCounts counts, String error, String mappingHash,
                          boolean reevaluated) {
        return finishInTransaction(runId, status, counts, error, mappingHash, reevaluated);
    }

    /**
     * {@link #finish(long, RunStatus, RunCounts, String, String, boolean)} in the caller's transaction: a BLOCKED
     * run's end and the tenant's hold it records commit together, or neither does.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public SyncRun finishInTransaction(long runId, RunStatus status, RunCounts counts, String error, String mappingHash,
                                       boolean reevaluated) {
        SyncRun run = get(runId);
        run.finish(status, counts, error);
        run.evaluated(mappingHash, reevaluated);
        lock.release(run.getTenant(), runId);
        return run;
    }

    /**
     * Ends a run that a stopped replica left QUEUED or RUNNING as FAILED with {@code reason}, and releases the
     * tenant's lock if the run holds it. Answers false (and changes nothing) when the run has already ended.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public boolean abandon(long runId, String reason) {
        SyncRun run = get(runId);
        if (!run.getStatus().isActive()) {
            return false;
        }
        run.finish(RunStatus.FAILED, null, reason);
        lock.release(run.getTenant(), runId);
        return true;
    }

    /** The run holding the tenant's lock (queued or running), if any. */
    @Transactional(readOnly = true)
    public Optional<SyncRun> lockHolder(String tenant) {
        return lock.holder(tenant).flatMap(runs::findById);
    }

    @Transactional(readOnly = true)
    public SyncRun get(long runId) {
        return runs.findById(runId).orElseThrow(() -> new NotFoundException("runId", "sync run " + runId + " does not exist"));
    }
}
