package io.entrasync.mirror;

import com.zaxxer.hikari.HikariDataSource;

/** The group contract on Postgres. */
class GroupMirrorPostgresTest extends GroupMirrorContract {

    @Override
    HikariDataSource database() {
        return MirrorDatabase.postgres();
    }
}
