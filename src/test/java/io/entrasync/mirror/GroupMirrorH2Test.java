package io.entrasync.mirror;

import com.zaxxer.hikari.HikariDataSource;

/** The group contract on H2. */
class GroupMirrorH2Test extends GroupMirrorContract {

    @Override
    HikariDataSource database() {
        return MirrorDatabase.h2();
    }
}
