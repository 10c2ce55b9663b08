package io.entrasync.sync;

import io.entrasync.mapping.MappingRegistry;
import io.entrasync.mapping.TenantMappingStatus;
import io.entrasync.problem.ConflictException;
import io.entrasync.problem.NotFoundException;
import io.entrasync.problem.UnprocessableException;
import java.util.concurrent.Executor;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

/** Starts runs: checks the tenant, queues the run (one active run per tenant) and hands it to an executor. */
@Service
public class SyncLauncher {

    private final MappingRegistry mappings;
    private final SyncRuns runs;
    private final SyncService service;
    private final Executor executor;
    private final SyncRunRepository history;

    SyncLauncher(MappingRegistry mappings, SyncRuns runs, SyncRunRepository history, SyncService service,
                 @Qualifier("syncExecutor") Executor executor) {
        this.mappings = mappings;
        this.runs = runs;
        this.history = history;
        this.service = service;
        this.executor = executor;
    }

    /** Queues a run of the tenant; 404 for an unknown tenant, 422 for a broken mapping, 409 while one is active. */
    public SyncRun launch(String tenant, SyncMode mode, boolean dryRun, RunTrigger trigger) {
        requireRunnable(tenant);
        return submit(runs.queue(tenant, mode, trigger, dryRun, null));
    }

    /** Runs a BLOCKED run again, allowing the deactivations it had planned. */
    public SyncRun approve(long blockedRunId) {
        SyncRun blocked = runs.get(blockedRunId);
        if (blocked.getStatus() != RunStatus.BLOCKED) {
            throw new ConflictException("id", "sync run " + blockedRunId + " is " + blocked.getStatus()
                    + "; only a BLOCKED run can be approved");
        }
        history.findFirstByApprovesRunId(blockedRunId).ifPresent(approval -> {
            throw new ConflictException("id", "sync run " + blockedRunId + " was already approved by run " + approval.getId());
        });
        if (history.existsByTenantAndIdGreaterThanAndStatusAndDryRunFalse(blocked.getTenant(), blockedRunId,
                RunStatus.SUCCEEDED)) {
            throw new ConflictException("id", "sync run " + blockedRunId + " was superseded by a later successful run; "
                    + "start a new run instead");
        }
        requireRunnable(blocked.getTenant());
        return submit(runs.queue(blocked.getTenant(), blocked.getMode(), RunTrigger.APPROVAL, false, blockedRunId));
    }

    private SyncRun submit(SyncRun run) {
        executor.execute(() -> service.execute(run.getId()));
        return run;
    }

    private void requireRunnable(String tenant) {
        mappings.refresh();
        TenantMappingStatus status = mappings.all().stream().filter(s -> tenant.equals(s.tenant())).findFirst()
                .orElseThrow(() -> new NotFoundException("tenant", "tenant '" + tenant + "' has no mapping file"));
        if (!status.valid()) {
            throw new UnprocessableException("tenant", "the mapping of tenant '" + tenant + "' is invalid: "
                    + status.errors().get(0));
        }
    }
}
