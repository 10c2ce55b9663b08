package io.entrasync.mirror;

import com.zaxxer.hikari.HikariDataSource;

/** The full-read contract on H2 (batched inserts into the staging tables). */
class FullReadH2Test extends FullReadContract {

    @Override
    HikariDataSource database() {
        return MirrorDatabase.h2();
    }
}
