package io.entrasync.mirror;

import com.zaxxer.hikari.HikariDataSource;
import io.entrasync.source.DirectoryGroup;
import io.entrasync.source.DirectoryUser;
import io.entrasync.source.GroupPage;
import io.entrasync.source.MemberChange;
import io.entrasync.source.MemberChange.MemberType;
import io.entrasync.source.RemovedObject;
import io.entrasync.source.RemovedObject.Reason;
import io.entrasync.source.UserPage;
import io.entrasync.support.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Shared set-up of the mirror contract tests: one migrated database per concrete class, a fresh tenant key per
 * test (so tests never see each other's rows), every call inside a transaction as the sync does it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DirectoryMirrorContract {

    private static int tenants;

    HikariDataSource dataSource;
    DirectoryMirror mirror;
    TransactionTemplate tx;
    final MutableClock clock = new MutableClock();
    String tenant;

    abstract HikariDataSource database();

    @BeforeAll
    void startDatabase() {
        dataSource = database();
        mirror = new DirectoryMirror(dataSource, clock);
        tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @AfterAll
    void stopDatabase() {
        dataSource.close();
    }

    @BeforeEach
    void newTenant() {
        tenant = "t" + (++tenants);
        clock.advance(Duration.ofMinutes(1));
    }

    <T> T inTx(Supplier<T> work) {
        return tx.execute(status -> work.get());
    }

    Set<String> users(long run, UserPage page) {
        return inTx(() -> mirror.applyUsers(tenant, run, page));
    }

    Set<String> groups(long run, GroupPage page) {
        return inTx(() -> mirror.applyGroups(tenant, run, page));
    }

    Set<String> groupIds(String userId) {
        return inTx(() -> mirror.transitiveGroups(tenant, List.of(userId))).get(userId).stream()
                .map(GroupRef::id).collect(Collectors.toSet());
    }

    /** The stored description of a group, read straight from its row. */
    String description(String groupId) {
        return new JdbcTemplate(dataSource).queryForObject(
                "select description from mirror_group where tenant = ? and id = ?", String.class, tenant, groupId);
    }

    static DirectoryUser full(String id, String mail) {
        return new DirectoryUser(id, "Name " + id, "Given", "Sur", mail, id + "@contoso.example",
                List.of("other-" + id + "@example.org"), List.of("+49 30 1", "+49 30 2"), "+49 170 1", "Sales",
                "Clerk", "Contoso", "Berlin", true, "Member");
    }

    static DirectoryUser partial(String id) {
        return new DirectoryUser(id, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null);
    }

    static UserPage userPage(DirectoryUser... users) {
        return new UserPage(List.of(users), List.of());
    }

    static UserPage removals(RemovedObject... removed) {
        return new UserPage(List.of(), List.of(removed));
    }

    static GroupPage groupPage(List<DirectoryGroup> groups, MemberChange... changes) {
        return new GroupPage(groups, List.of(), List.of(changes));
    }

    static GroupPage groupRemoval(String groupId, Reason reason) {
        return new GroupPage(List.of(), List.of(new RemovedObject(groupId, reason)), List.of());
    }

    static DirectoryGroup group(String id) {
        return new DirectoryGroup(id, "Group " + id, null);
    }

    static MemberChange addUser(String group, String user) {
        return new MemberChange(group, user, MemberType.USER, false);
    }

    static MemberChange removeUser(String group, String user) {
        return new MemberChange(group, user, MemberType.USER, true);
    }

    static MemberChange addGroup(String group, String nested) {
        return new MemberChange(group, nested, MemberType.GROUP, false);
    }

    static MemberChange removeGroup(String group, String nested) {
        return new MemberChange(group, nested, MemberType.GROUP, true);
    }

    static List<DirectoryUser> many(int count) {
        List<DirectoryUser> users = new ArrayList<>(count);
        IntStream.range(0, count).forEach(i -> users.add(full("u" + i, "u" + i + "@contoso.example")));
        return users;
    }
}
