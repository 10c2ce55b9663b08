package io.entrasync.sync;

import io.entrasync.reconcile.RunCounts;

/**
 * How a run's own transaction ended.
 *
 * @param rollback true when nothing may stay applied (dry run, BLOCKED)
 */
record RunResult(RunStatus status, RunCounts counts, String error, boolean rollback) {

    static RunResult failed(String error) {
        return new RunResult(RunStatus.FAILED, null, error, true);
    }
}
