package io.entrasync.sync;

import io.entrasync.mapping.MappingRegistry;
import io.entrasync.mapping.TenantMappingStatus;
import io.entrasync.problem.ConflictException;
import io.entrasync.problem.NotFoundException;
import io.entrasync.problem.UnprocessableException;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Starts runs: checks the tenant, queues the run (one active run per tenant, across replicas) and hands it to the
 * {@link RunDispatcher} (the tenant's Quartz job), which executes manual, approval and scheduled runs of a tenant
 * one after the other anywhere in the cluster.
 */
@Service
public class SyncLauncher {

    private static final Logger log = LoggerFactory.getLogger(SyncLauncher.class);

    private final MappingRegistry mappings;
    private final SyncRuns runs;
    private final RunDispatcher dispatcher;

    SyncLauncher(MappingRegistry mappings, SyncRuns runs, RunDispatcher dispatcher) {
        this.mappings = mappings;
        this.runs = runs;
        this.dispatcher = dispatcher;
    }

    /** Queues a run of the tenant; 404 for an unknown tenant, 422 for a broken mapping, 409 while one is active. */
    public SyncRun launch(String tenant, SyncMode mode, boolean dryRun, RunTrigger trigger) {
        requireRunnable(tenant);
        return submit(runs.queue(tenant, mode, trigger, dryRun, null));
    }

    /** Queues the APPROVAL run of a held tenant's blocked run (checked by {@link TenantHoldDecisions}). */
    SyncRun launchApproval(SyncRun blocked, SyncMode mode) {
        requireRunnable(blocked.getTenant());
        return submit(runs.queue(blocked.getTenant(), mode, RunTrigger.APPROVAL, false, blocked.getId()));
    }

    /**
     * Queues the run of a scheduled fire, to be executed by the caller; empty (nothing queued) while the tenant
     * has an active run, for a scheduled fire is then skipped, not failed.
     */
    public Optional<SyncRun> queueScheduled(String tenant, SyncMode mode, Instant firedAt) {
        return queueScheduled(tenant, mode, firedAt, RunTrigger.SCHEDULE);
    }

    /** As {@link #queueScheduled(String, SyncMode, Instant)} for a fire of another kind (SCHEDULE or NOTIFIED). */
    public Optional<SyncRun> queueScheduled(String tenant, SyncMode mode, Instant firedAt, RunTrigger trigger) {
        try {
            return Optional.of(runs.queue(tenant, mode, trigger, false, null, firedAt));
        } catch (ConflictException active) {
            return Optional.empty();
        }
    }

    /**
     * Queues a fresh copy of a run a stopped replica abandoned (same tenant, mode, trigger, dry-run flag and
     * approval), to be executed by the caller; empty while another run of the tenant is active.
     */
    public Optional<SyncRun> queueRetry(SyncRun abandoned) {
        try {
            return Optional.of(runs.queue(abandoned.getTenant(), abandoned.getMode(), abandoned.getTrigger(),
                    abandoned.isDryRun(), abandoned.getApprovesRunId(), abandoned.getFiredAt(), abandoned.getTriggeredBy()));
        } catch (ConflictException active) {
            return Optional.empty();
        }
    }

    private SyncRun submit(SyncRun run) {
        try {
            dispatcher.dispatch(run);
        } catch (RuntimeException e) {
            log.warn("sync run {} of tenant '{}' could not be handed to the scheduler", run.getId(), run.getTenant(), e);
            runs.finish(run.getId(), RunStatus.FAILED, null, "could not be handed to the scheduler: " + e.getMessage());
            throw e;
        }
        return run;
    }

    private void requireRunnable(String tenant) {
        TenantMappingStatus status = mappings.current(tenant).orElseThrow(() -> new NotFoundException("tenant", "tenant '" + tenant + "' has no mapping file"));
        if (!status.valid()) {
            throw new UnprocessableException("tenant", "the mapping of tenant '" + tenant + "' is invalid: "
                    + status.errors().get(0));
        }
    }
}
