package io.entrasync.mirror;

import com.zaxxer.hikari.HikariDataSource;

/** The full-read contract on real PostgreSQL (COPY into the staging tables). */
class FullReadPostgresTest extends FullReadContract {

    @Override
    HikariDataSource database() {
        return MirrorDatabase.postgres();
    }
}
