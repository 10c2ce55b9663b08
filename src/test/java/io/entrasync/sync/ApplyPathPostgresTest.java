package io.entrasync.sync;

import io.entrasync.support.PostgresIntegrationTest;
import org.junit.jupiter.api.Test;

/** The apply path's writes on PostgreSQL (array statements), including two runs creating one email at once. */
@PostgresIntegrationTest
class ApplyPathPostgresTest extends ApplyPathContract {

    @Test
    @Override
    void concurrentCreation_ofOneEmail_leavesTheLaterRunsAccountOut() throws Exception {
        super.concurrentCreation_ofOneEmail_leavesTheLaterRunsAccountOut();
    }
}
