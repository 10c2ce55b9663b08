package io.entrasync.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.entrasync.source.DirectoryGroup;
import io.entrasync.source.DirectoryUser;
import io.entrasync.source.GroupPage;
import io.entrasync.source.MemberChange;
import io.entrasync.source.UserPage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tenant-sized load on real PostgreSQL: a first full run, an unchanged second full run and the transitive
 * closure of everyone. {@code -Dmirror.volume=100000} runs the 100k-user size; the default keeps the suite fast.
 */
class MirrorVolumePostgresTest extends DirectoryMirrorContract {

    private static final Logger LOG = LoggerFactory.getLogger(MirrorVolumePostgresTest.class);
    private static final int USERS = Integer.getInteger("mirror.volume", 20_000);
    private static final int PAGE = 1000;
    private long userNanos;
    private long groupNanos;

    @Override
    HikariDataSource database() {
        return MirrorDatabase.postgres();
    }

    @Test
    void fullRunsOfATenant_areBatched() {
        List<DirectoryUser> all = many(USERS);
        List<String> ids = all.stream().map(DirectoryUser::id).toList();

        long first = timed(() -> fullRun(1, all));
        long second = timed(() -> fullRun(2, all));
        long[] closureMillis = new long[1];
        var closure = inTx(() -> {
            long start = System.nanoTime();
            var result = mirror.transitiveGroups(tenant, ids);
            closureMillis[0] = (System.nanoTime() - start) / 1_000_000;
            return result;
        });

        LOG.info("{} users: first full run {} ms, unchanged full run {} ms, closure of all {} ms",
                USERS, first, second, closureMillis[0]);
        assertThat(mirror.counts(tenant)).isEqualTo(new MirrorCounts(USERS, 0, 11, USERS * 2L + 10));
        assertThat(closure.get("u0")).extracting(GroupRef::id).containsExactlyInAnyOrder("all", "site0");
    }

    /** One full read in one transaction, as a run makes it: pages staged as they come, merged at the end. */
    private void fullRun(long run, List<DirectoryUser> all) {
        List<String> notSeen = inTx(() -> {
            FullRead read = mirror.beginFullRead(tenant, run);
            for (int from = 0; from < all.size(); from += PAGE) {
                List<DirectoryUser> slice = all.subList(from, Math.min(all.size(), from + PAGE));
                long t0 = System.nanoTime();
                read.users(new UserPage(slice, List.of()));
                userNanos += System.nanoTime() - t0;
                List<MemberChange> changes = new ArrayList<>();
                for (DirectoryUser user : slice) {
                    int n = Integer.parseInt(user.id().substring(1));
                    changes.add(addUser("all", user.id()));
                    changes.add(addUser("site" + (n % 10), user.id()));
                }
                long t1 = System.nanoTime();
                read.groups(new GroupPage(List.of(), List.of(), changes));
                groupNanos += System.nanoTime() - t1;
            }
            List<MemberChange> nesting = new ArrayList<>();
            List<DirectoryGroup> groups = new ArrayList<>(List.of(group("all")));
            for (int i = 0; i < 10; i++) {
                nesting.add(addGroup("all", "site" + i));
                groups.add(group("site" + i));
            }
            read.groups(new GroupPage(groups, List.of(), nesting));
            long t2 = System.nanoTime();
            List<String> missing = read.finish();
            LOG.info("run {}: staging users {} ms, memberships {} ms, merge {} ms", run, userNanos / 1_000_000,
                    groupNanos / 1_000_000, (System.nanoTime() - t2) / 1_000_000);
            return missing;
        });
        userNanos = 0;
        groupNanos = 0;
        assertThat(notSeen).isEmpty();
    }

    private static long timed(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1_000_000;
    }
}
