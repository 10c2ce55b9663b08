package io.entrasync.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entrasync.source.UserPage;
import io.entrasync.support.PostgresIntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

/** The mirror as the application wires it: Flyway's V2 applied, writes joining the caller's transaction. */
@PostgresIntegrationTest
class DirectoryMirrorWiringTest {

    @Autowired
    DirectoryMirror mirror;

    @Autowired
    TransactionTemplate tx;

    @Test
    void writesOutsideATransaction_areRefused() {
        var page = new UserPage(List.of(DirectoryMirrorContract.full("w1", null)), List.of());

        assertThatThrownBy(() -> mirror.applyUsers("wiring", 1, page))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    @Test
    void writesJoinTheCallersTransaction_andRollBackWithIt() {
        var page = new UserPage(List.of(DirectoryMirrorContract.full("w2", null)), List.of());

        tx.executeWithoutResult(status -> {
            mirror.applyUsers("wiring", 1, page);
            status.setRollbackOnly();
        });
        var afterRollback = mirror.user("wiring", "w2");
        tx.executeWithoutResult(status -> mirror.applyUsers("wiring", 2, page));

        assertThat(afterRollback).isEmpty();
        assertThat(mirror.user("wiring", "w2").orElseThrow().lastSeenRun()).isEqualTo(2);
    }
}
