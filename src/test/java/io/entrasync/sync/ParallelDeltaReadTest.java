package io.entrasync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entrasync.source.DeltaOutcome;
import io.entrasync.source.DirectorySource;
import io.entrasync.source.DirectorySourceException;
import io.entrasync.source.DirectoryUser;
import io.entrasync.source.GroupPage;
import io.entrasync.source.TenantConnection;
import io.entrasync.source.UserPage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ParallelDeltaReadTest {

    static final TenantConnection TENANT = new TenantConnection("t", "tid", "cid",
            new TenantConnection.Credentials("ENV", null, null, null), TenantConnection.Cloud.GLOBAL, null, null);

    /** A source with N user pages and M group pages; optionally failing after some pages. */
    static final class PagedSource implements DirectorySource {
        final int userPages;
        final int groupPages;
        final int failUsersAfter;
        final AtomicInteger userPagesProduced = new AtomicInteger();

        PagedSource(int userPages, int groupPages, int failUsersAfter) {
            this.userPages = userPages;
            this.groupPages = groupPages;
            this.failUsersAfter = failUsersAfter;
        }

        @Override
        public DeltaOutcome readUsers(TenantConnection tenant, String deltaLink, boolean low, Consumer<UserPage> pages) {
            for (int i = 0; i < userPages; i++) {
                if (i == failUsersAfter) {
                    throw new DirectorySourceException("t", 503, null, "tenant 't': /v1.0/users/delta gave up after 503", null);
                }
                pages.accept(new UserPage(List.of(user("u" + i)), List.of()));
                userPagesProduced.incrementAndGet();
            }
            return new DeltaOutcome.Completed("users-link", new DeltaOutcome.ReadStats(userPages, 0, 0));
        }

        @Override
        public DeltaOutcome readGroups(TenantConnection tenant, String deltaLink, boolean low, Consumer<GroupPage> pages) {
            for (int i = 0; i < groupPages; i++) {
                pages.accept(new GroupPage(List.of(), List.of(), List.of()));
            }
            return new DeltaOutcome.ResyncRequired("syncStateNotFound", new DeltaOutcome.ReadStats(groupPages, 0, 0));
        }

        @Override
        public boolean userExists(TenantConnection tenant, String userId) {
            return true;
        }

        static DirectoryUser user(String id) {
            return new DirectoryUser(id, null, null, null, null, null, null, null, null, null, null, null, null, true, null);
        }
    }

    @Test
    void everyPageOfBothStreamsIsAppliedOnTheCallingThread_andBothOutcomesReturned() {
        List<String> users = new ArrayList<>();
        AtomicInteger groups = new AtomicInteger();
        Thread caller = Thread.currentThread();

        var outcomes = ParallelDeltaRead.read(new PagedSource(50, 20, -1), TENANT, null, null, false, page -> {
            assertThat(Thread.currentThread()).isSameAs(caller);
            users.add(page.users().get(0).id());
        }, page -> groups.incrementAndGet());

        assertThat(users).hasSize(50).startsWith("u0", "u1", "u2").endsWith("u49");
        assertThat(groups).hasValue(20);
        assertThat(((DeltaOutcome.Completed) outcomes.users()).deltaLink()).isEqualTo("users-link");
        assertThat(outcomes.groups()).isInstanceOf(DeltaOutcome.ResyncRequired.class);
    }

    @Test
    void aReaderFailure_reachesTheCaller() {
        assertThatThrownBy(() -> ParallelDeltaRead.read(new PagedSource(10, 3, 4), TENANT, null, null, false,
                page -> { }, page -> { }))
                .isInstanceOf(DirectorySourceException.class)
                .hasMessageContaining("gave up after 503");
    }

    @Test
    void aConsumerFailure_stopsTheReaders() {
        PagedSource source = new PagedSource(10_000, 1, -1);

        assertThatThrownBy(() -> ParallelDeltaRead.read(source, TENANT, null, null, false, page -> {
            throw new IllegalStateException("database gone");
        }, page -> { })).isInstanceOf(IllegalStateException.class).hasMessage("database gone");

        assertThat(source.userPagesProduced.get()).isLessThan(100);
    }
}
