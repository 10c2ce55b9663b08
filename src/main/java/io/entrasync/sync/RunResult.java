package io.entrasync.sync;

import io.entrasync.reconcile.RunCounts;

/**
 * How a run's own transaction ended.
 *
 * @param rollback true when nothing may stay applied (dry run, BLOCKED)
 * @param hold     for a BLOCKED run, how it holds the tenant; null otherwise
 */
record RunResult(RunStatus status, RunCounts counts, String error, boolean rollback, Hold hold) {

    /**
     * A BLOCKED run's effect on the tenant's hold.
     *
     * @param fresh  true: the run starts a new hold (replacing a rejected one its mapping change lifted); false: it
     *               becomes the newest plan of the hold in place
     * @param reason why the tenant is held (the guard's verdict); kept from the run that started the hold
     */
    record Hold(boolean fresh, String reason) {
    }

    static RunResult succeeded(RunCounts counts, String note, boolean dryRun) {
        return new RunResult(RunStatus.SUCCEEDED, counts, note, dryRun, null);
    }

    static RunResult failed(String error) {
        return new RunResult(RunStatus.FAILED, null, error, true, null);
    }

    static RunResult blocked(RunCounts counts, String error, Hold hold) {
        return new RunResult(RunStatus.BLOCKED, counts, error, true, hold);
    }
}
