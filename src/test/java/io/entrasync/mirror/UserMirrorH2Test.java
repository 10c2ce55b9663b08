package io.entrasync.mirror;

import com.zaxxer.hikari.HikariDataSource;

/** The user contract on H2 in PostgreSQL mode, the default run's database: V2 migrates and the SQL runs. */
class UserMirrorH2Test extends UserMirrorContract {

    @Override
    HikariDataSource database() {
        return MirrorDatabase.h2();
    }
}
