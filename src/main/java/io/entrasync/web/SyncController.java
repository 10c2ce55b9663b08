package io.entrasync.web;

import io.entrasync.problem.Paging;
import io.entrasync.directory.DirectoryService;
import io.entrasync.problem.InvalidInputException;
import io.entrasync.sync.ChangeLog;
import io.entrasync.sync.Explainer;
import io.entrasync.sync.RunStatus;
import io.entrasync.sync.RunTrigger;
import io.entrasync.sync.SyncLauncher;
import io.entrasync.sync.SyncMode;
import io.entrasync.sync.SyncRun;
import io.entrasync.sync.SyncRunRepository;
import io.entrasync.sync.SyncRuns;
import io.entrasync.sync.HoldDecision;
import io.entrasync.sync.HoldDecisions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Manual resync, run history, a run's changes, and "why is this user here" (approvals: {@link HoldController}). */
@RestController
class SyncController {

    /** A run's changes come in larger pages than other lists: a full run of a big tenant lists thousands. */
    private static final int MAX_CHANGES_SIZE = 1000;
    private static final Set<String> KINDS = Set.of("CREATE", "UPDATE", "LINK", "MOVE", "DEACTIVATE", "REACTIVATE",
            "SKIP", "FAILED", "RELEASE");

    /** Body of {@code POST /api/tenants/{tenant}/sync}; both fields optional (DELTA, not a dry run). */
    record SyncRequest(SyncMode mode, Boolean dryRun) {
    }

    private final SyncLauncher launcher;
    private final SyncRuns runs;
    private final SyncRunRepository history;
    private final ChangeLog changes;
    private final Explainer explainer;
    private final DirectoryService directory;
    private final SyncTriggerLimiter limiter;
    private final HoldDecisions decisions;

    SyncController(SyncLauncher launcher, SyncRuns runs, SyncRunRepository history, ChangeLog changes, Explainer explainer,
                   DirectoryService directory, SyncTriggerLimiter limiter, HoldDecisions decisions) {
        this.decisions = decisions;
        this.limiter = limiter;
        this.launcher = launcher;
        this.runs = runs;
        this.history = history;
        this.changes = changes;
        this.explainer = explainer;
        this.directory = directory;
    }

    @Operation(operationId = "startSync", summary = "Start a sync run", tags = "Runs and holds",
            description = "Queues a DELTA or FULL run (optionally a dry run) and answers 202 with its Location. 409 "
            + "while a run of the tenant is active, 422 for a broken mapping, 429 when triggered too often, 404 for an "
            + "unknown tenant.")
    @ApiResponse(responseCode = "202", description = "Queued; Location names the run.", useReturnTypeSchema = true)
    @PostMapping("/api/tenants/{tenant}/sync")
    ResponseEntity<RunView> sync(@PathVariable String tenant, @RequestBody(required = false) SyncRequest body) {
        long retryAfter = limiter.acquire(tenant);
        if (retryAfter > 0) {
            throw new SyncTriggerLimiter.RateLimitedException(tenant, retryAfter);
        }
        SyncMode mode = body == null || body.mode() == null ? SyncMode.DELTA : body.mode();
        boolean dryRun = body != null && Boolean.TRUE.equals(body.dryRun());
        return accepted(launcher.launch(tenant, mode, dryRun, RunTrigger.MANUAL));
    }

    @Operation(operationId = "getRun", summary = "Get a run", tags = "Runs and holds",
            description = "One run: status, mode, trigger, timings, counts per kind of change and the error of a failed"
            + " run.")
    @GetMapping("/api/sync-runs/{runId}")
    RunView run(@PathVariable("runId") long id) {
        return views(List.of(runs.get(id))).get(0);
    }

    @Operation(operationId = "listRuns", summary = "List runs", tags = "Runs and holds",
            description = "Run history, newest first, of all tenants or one (tenant), optionally of one status (e.g. "
            + "FAILED: the recent failed runs across tenants), at most limit runs.")
    @GetMapping("/api/sync-runs")
    @Transactional(readOnly = true)
    List<RunView> list(@RequestParam(required = false) String tenant, @RequestParam(required = false) String status,
                       @RequestParam(defaultValue = "50") int limit) {
        PageRequest page = PageRequest.of(0, Paging.size("limit", limit, Paging.MAX_SIZE));
        RunStatus wanted = status == null || status.isBlank() ? null : runStatus(status);
        boolean allTenants = tenant == null || tenant.isBlank();
        List<SyncRun> found = wanted == null
                ? (allTenants ? history.findAllByOrderByIdDesc(page) : history.findByTenantOrderByIdDesc(tenant, page))
                : (allTenants ? history.findByStatusOrderByIdDesc(wanted, page)
                : history.findByTenantAndStatusOrderByIdDesc(tenant, wanted, page));
        return views(found);
    }

    private static RunStatus runStatus(String status) {
        try {
            return RunStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("status", "status '" + status + "' is not one of "
                    + java.util.Arrays.toString(RunStatus.values()));
        }
    }

    /** The runs with who decided on their plans (one query for the decisions of all of them). */
    private List<RunView> views(List<SyncRun> found) {
        Set<Long> planIds = new HashSet<>();
        found.forEach(run -> {
            planIds.add(run.getId());
            if (run.getApprovesRunId() != null) {
                planIds.add(run.getApprovesRunId());
            }
        });
        Map<Long, List<HoldDecision>> decided = decisions.ofRuns(planIds);
        return found.stream().map(run -> RunView.of(run, decided)).toList();
    }

    @Operation(operationId = "listRunChanges", summary = "List a run's changes", tags = "Runs and holds",
            description = "The run's per-user changes, paged and filterable by kind (planned ones for a dry run or a "
            + "BLOCKED run), each with its reason and field diffs.")
    @GetMapping("/api/sync-runs/{runId}/changes")
    Map<String, Object> changes(@PathVariable("runId") long id, @RequestParam(required = false) String kind,
                                @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "100") int size) {
        runs.get(id);
        String k = kind == null || kind.isBlank() ? null : kind.toUpperCase(Locale.ROOT);
        if (k != null && !KINDS.contains(k)) {
            throw new InvalidInputException("kind", "kind '" + kind + "' is not one of " + KINDS);
        }
        int pageSize = Paging.size("size", size, MAX_CHANGES_SIZE);
        int number = Paging.page(page, pageSize);
        long total = changes.count(id, k);
        return Map.of("content", changes.page(id, k, number, pageSize), "page", Map.of("size", pageSize, "number", number,
                "totalElements", total, "totalPages", (total + pageSize - 1) / pageSize));
    }

    @Operation(operationId = "explainUser", summary = "Explain a synced user", tags = "Users",
            description = "Which mapping rules put the user in scope, on its site and in its department, and through "
            + "which groups.")
    @GetMapping("/api/users/{userId}/explain")
    @Transactional(readOnly = true)
    Explainer.Explained explain(@PathVariable("userId") long id) {
        return explainer.explain(directory.user(id));
    }

    static ResponseEntity<RunView> accepted(SyncRun run) {
        return ResponseEntity.accepted().location(URI.create("/api/sync-runs/" + run.getId())).body(RunView.of(run));
    }
}
