package io.entrasync.mirror;

import com.zaxxer.hikari.HikariDataSource;

/** The user contract on real PostgreSQL. */
class UserMirrorPostgresTest extends UserMirrorContract {

    @Override
    HikariDataSource database() {
        return MirrorDatabase.postgres();
    }
}
