package io.entrasync.schedule;

import io.entrasync.sync.RunStatus;
import io.entrasync.sync.RunTrigger;
import io.entrasync.sync.SyncLauncher;
import io.entrasync.sync.SyncRun;
import io.entrasync.sync.SyncRunRepository;
import io.entrasync.sync.SyncRuns;
import io.entrasync.sync.SyncService;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What one fire of a tenant's job does: execute the queued manual or approval run it names, or queue and execute a
 * SCHEDULE run, or a NOTIFIED delta run for Graph change notifications (either skipped, with an INFO line, while the
 * tenant has an active run; a skipped NOTIFIED fire counts as covered only when that run is queued and will read and
 * save the delta, else it asks for another fire after it, see {@link NotifiedFireListener#deferred}). A fire Quartz recovers from a
 * stopped replica first ends that replica's run as FAILED and releases its lock, then runs it again from the start
 * (the deltaLink moved only if the old run had finished, so work is repeated, never lost).
 */
@Component
class TenantRuns {

    static final String ABANDONED = "abandoned by a stopped replica; the run was started again";
    private static final Logger log = LoggerFactory.getLogger(TenantRuns.class);

    private final SyncLauncher launcher;
    private final SyncRuns runs;
    private final SyncRunRepository history;
    private final SyncService service;
    private final List<NotifiedFireListener> notifiedFires;

    TenantRuns(SyncLauncher launcher, SyncRuns runs, SyncRunRepository history, SyncService service,
               List<NotifiedFireListener> notifiedFires) {
        this.launcher = launcher;
        this.runs = runs;
        this.history = history;
        this.service = service;
        this.notifiedFires = notifiedFires;
    }

    void execute(Fire fire) {
        Optional<SyncRun> run = fire.runId() != null ? queued(fire) : scheduled(fire);
        run.ifPresent(r -> service.execute(r.getId()));
    }

    /** The manual or approval run the fire names, or its retry when the fire is recovered. */
    private Optional<SyncRun> queued(Fire fire) {
        SyncRun run = runs.get(fire.runId());
        if (run.getStatus() == RunStatus.QUEUED && !fire.recovering()) {
            return Optional.of(run);
        }
        if (fire.recovering() && run.getStatus().isActive()) {
            return retry(run);
        }
        log.info("run {} of tenant '{}' is {}; nothing to execute", run.getId(), fire.tenant(), run.getStatus());
        return Optional.empty();
    }

    private Optional<SyncRun> scheduled(Fire fire) {
        if (fire.recovering()) {
            Optional<SyncRun> abandoned = runs.lockHolder(fire.tenant()).filter(r -> r.getTrigger() == trigger(fire)
                    && r.getStatus().isActive() && fire.scheduledFireTime().equals(r.getFiredAt()));
            if (abandoned.isPresent()) {
                return retry(abandoned.get());
            }
            if (history.existsByTenantAndFiredAt(fire.tenant(), fire.scheduledFireTime())) {
                log.info("recovered {} fire of tenant '{}' due at {} had already run; nothing to repeat", fire.mode(),
                        fire.tenant(), fire.scheduledFireTime());
                return Optional.empty();
            }
        }
        Optional<SyncRun> run = launcher.queueScheduled(fire.tenant(), fire.mode(), fire.scheduledFireTime(),
                trigger(fire));
        Optional<SyncRun> holder = run.isEmpty() ? runs.lockHolder(fire.tenant()) : Optional.empty();
        if (fire.notified()) {
            // the run is queued, not started: it reads the delta after this, so notifications from now on ask for
            // one more run. A lock held by a queued run that reads and saves the delta covers them as well; any
            // other holder (a dry run saves no deltaLink, an approval applies an older plan) does not.
            if (run.isPresent() || holder.filter(TenantRuns::readsAndSavesDelta).isPresent()) {
                notifiedFires.forEach(l -> l.starting(fire.tenant()));
            } else {
                notifiedFires.forEach(l -> l.deferred(fire.tenant()));
            }
        }
        if (run.isEmpty()) {
            log.info("{} {} run of tenant '{}' due at {} skipped: run {} of the tenant is still active",
                    fire.notified() ? "notified" : "scheduled", fire.mode(), fire.tenant(), fire.scheduledFireTime(),
                    holder.map(SyncRun::getId).orElse(null));
        }
        return run;
    }

    /** A run that has not started and will read the delta and keep its deltaLink. */
    private static boolean readsAndSavesDelta(SyncRun run) {
        return run.getStatus() == RunStatus.QUEUED && !run.isDryRun() && run.getApprovesRunId() == null;
    }

    private static RunTrigger trigger(Fire fire) {
        return fire.notified() ? RunTrigger.NOTIFIED : RunTrigger.SCHEDULE;
    }

    private Optional<SyncRun> retry(SyncRun abandoned) {
        runs.abandon(abandoned.getId(), ABANDONED);
        Optional<SyncRun> retry = launcher.queueRetry(abandoned);
        log.warn("sync run {} of tenant '{}' was abandoned by a stopped replica: ended as FAILED, lock released, "
                        + "started again as run {}", abandoned.getId(), abandoned.getTenant(),
                retry.map(r -> r.getId().toString()).orElse("(none: another run is active)"));
        return retry;
    }
}
