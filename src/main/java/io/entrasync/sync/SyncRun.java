package io.entrasync.sync;

import io.entrasync.auth.Caller;
import io.entrasync.reconcile.RunCounts;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** One sync run of one tenant: how it was asked for, how it went, and what it counted. */
@Entity
@Table(name = "sync_run")
public class SyncRun {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "sync_run_seq")
    @SequenceGenerator(name = "sync_run_seq", sequenceName = "sync_run_seq", allocationSize = 1)
    private Long id;

    @Column(nullable = false)
    private String tenant;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private SyncMode mode;

    @Enumerated(EnumType.STRING)
    @Column(name = "run_trigger", nullable = false)
    private RunTrigger trigger;

    @Column(name = "dry_run", nullable = false)
    private boolean dryRun;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private RunStatus status;

    /** True when Graph asked for a resync (410) and the run turned into a full enumeration. */
    @Column(nullable = false)
    private boolean resync;

    @Column(name = "approves_run_id")
    private Long approvesRunId;

    @Column(name = "queued_at", nullable = false)
    private Instant queuedAt;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    /** The Quartz scheduled fire time a SCHEDULE run belongs to; null for manual and approval runs. */
    @Column(name = "fired_at")
    private Instant firedAt;

    private int created;
    private int updated;
    private int linked;
    private int moved;
    private int deactivated;
    private int reactivated;
    private int unchanged;
    private int skipped;
    private int failed;

    @Column(name = "pages_read")
    private int pagesRead;

    private int throttled;
    private int retries;

    @Column(name = "users_processed")
    private int usersProcessed;

    private String error;

    /** SHA-256 of the mapping file the run evaluated; null for runs that never got to their mapping. */
    @Column(name = "mapping_hash")
    private String mappingHash;

    /** True when a delta run evaluated every mirrored user because the mapping had changed. */
    private boolean reevaluated;

    /** Who started the run ({@link Caller}); null for runs recorded before actors were. */
    @Column(name = "triggered_by_kind")
    private String triggeredByKind;

    @Column(name = "triggered_by_id")
    private String triggeredById;

    @Column(name = "triggered_by_name")
    private String triggeredByName;

    protected SyncRun() {
    }

    SyncRun(String tenant, SyncMode mode, RunTrigger trigger, boolean dryRun, Long approvesRunId, Instant firedAt,
            Caller triggeredBy) {
        if (triggeredBy != null) {
            this.triggeredByKind = triggeredBy.kind().wire();
            Caller stored = triggeredBy.storable();
            this.triggeredById = stored.id();
            this.triggeredByName = stored.name();
        }
        this.firedAt = firedAt;
        this.tenant = tenant;
        this.mode = mode;
        this.trigger = trigger;
        this.dryRun = dryRun;
        this.approvesRunId = approvesRunId;
        this.status = RunStatus.QUEUED;
        this.queuedAt = Instant.now();
    }

    void start() {
        status = RunStatus.RUNNING;
        startedAt = Instant.now();
    }

    void finish(RunStatus outcome, RunCounts counts, String error) {
        status = outcome;
        finishedAt = Instant.now();
        this.error = error == null || error.length() <= 4000 ? error : error.substring(0, 4000);
        if (counts != null) {
            created = (int) counts.created();
            updated = (int) counts.updated();
            linked = (int) counts.linked();
            moved = (int) counts.moved();
            deactivated = (int) counts.deactivated();
            reactivated = (int) counts.reactivated();
            unchanged = (int) counts.unchanged();
            skipped = (int) counts.skipped();
            failed = (int) counts.failed();
        }
    }

    void evaluated(String mappingHash, boolean reevaluated) {
        if (mappingHash != null) {
            this.mappingHash = mappingHash;
        }
        this.reevaluated = reevaluated;
    }

    void progress(int pagesRead, int throttled, int retries, int usersProcessed) {
        this.pagesRead = pagesRead;
        this.throttled = throttled;
        this.retries = retries;
        this.usersProcessed = usersProcessed;
    }

    void becameFull() {
        mode = SyncMode.FULL;
        resync = true;
    }

    void runAsFull() {
        mode = SyncMode.FULL;
    }

    public Long getId() {
        return id;
    }

    public String getTenant() {
        return tenant;
    }

    public SyncMode getMode() {
        return mode;
    }

    public RunTrigger getTrigger() {
        return trigger;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    public RunStatus getStatus() {
        return status;
    }

    public boolean isResync() {
        return resync;
    }

    public Long getApprovesRunId() {
        return approvesRunId;
    }

    public Instant getQueuedAt() {
        return queuedAt;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }

    public Instant getFiredAt() {
        return firedAt;
    }

    public RunCounts counts() {
        return new RunCounts(created, updated, linked, moved, deactivated, reactivated, unchanged, skipped, failed);
    }

    public int getPagesRead() {
        return pagesRead;
    }

    public int getThrottled() {
        return throttled;
    }

    public int getRetries() {
        return retries;
    }

    public int getUsersProcessed() {
        return usersProcessed;
    }

    public String getError() {
        return error;
    }

    public String getMappingHash() {
        return mappingHash;
    }

    public boolean isReevaluated() {
        return reevaluated;
    }

    /** Who started the run; null for a run recorded before actors were. */
    public Caller getTriggeredBy() {
        return triggeredByKind == null ? null
                : new Caller(Caller.Kind.ofWire(triggeredByKind), triggeredById, triggeredByName);
    }
}
