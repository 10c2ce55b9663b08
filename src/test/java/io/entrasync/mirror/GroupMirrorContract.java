package io.entrasync.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.source.DirectoryGroup;
import io.entrasync.source.GroupPage;
import io.entrasync.source.RemovedObject.Reason;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Groups, memberships and transitive closure as delta pages write them; run on PostgreSQL and on H2. */
abstract class GroupMirrorContract extends DirectoryMirrorContract {

    @Test
    void deltaGroupWithDescriptionNull_clearsIt_andOneWithoutDescriptionKeepsIt() {
        groups(1, groupPage(List.of(new DirectoryGroup("A", "Group A", "About A"),
                new DirectoryGroup("B", "Group B", "About B"))));

        groups(2, groupPage(List.of(new DirectoryGroup("A", null, null, true), new DirectoryGroup("B", null, null)),
                addUser("B", "u1")));

        assertThat(description("A")).isNull();
        assertThat(description("B")).isEqualTo("About B");
    }

    @Test
    void twoItemsOfAGroupInOnePage_aLaterItemWithoutDescriptionKeepsTheEarlierClear() {
        groups(1, groupPage(List.of(new DirectoryGroup("A", "Group A", "About A"))));

        groups(2, groupPage(List.of(new DirectoryGroup("A", "Group A", null, true), new DirectoryGroup("A", null,
                null)), addUser("A", "u1")));

        assertThat(description("A")).isNull();
    }

    @Test
    void membersSplitAcrossPages_allArrive_andReapplyingChangesNothing() {
        GroupPage first = groupPage(List.of(group("A")), addUser("A", "u1"), addUser("A", "u2"));
        GroupPage second = groupPage(List.of(new DirectoryGroup("A", null, null)), addUser("A", "u3"));

        var affected = new HashSet<>(groups(1, first));
        affected.addAll(groups(1, second));
        var again = groups(1, second);

        assertThat(affected).containsExactlyInAnyOrder("u1", "u2", "u3");
        assertThat(again).containsExactly("u3");
        assertThat(mirror.counts(tenant)).isEqualTo(new MirrorCounts(0, 0, 1, 3));
        assertThat(inTx(() -> mirror.transitiveGroups(tenant, List.of("u3", "nobody"))))
                .containsEntry("u3", Set.of(new GroupRef("A", "Group A")))
                .containsEntry("nobody", Set.of());
    }

    @Test
    void memberRemoved_isReported_andLeavesTheGroup() {
        groups(1, groupPage(List.of(group("A"), group("B")), addUser("A", "u1"), addUser("B", "u1")));

        var affected = groups(2, groupPage(List.of(), removeUser("A", "u1")));
        var again = groups(2, groupPage(List.of(), removeUser("A", "u1")));

        assertThat(affected).containsExactly("u1");
        assertThat(again).containsExactly("u1");
        assertThat(groupIds("u1")).containsExactly("B");
    }

    @Test
    void nestedThreeDeep_givesEveryAncestor() {
        groups(1, groupPage(List.of(group("A"), group("B"), group("C"), group("D")),
                addGroup("A", "B"), addGroup("B", "C"), addUser("C", "u1"), addUser("D", "u1"), addUser("A", "u2")));

        var groupsOfU1 = inTx(() -> mirror.transitiveGroups(tenant, List.of("u1"))).get("u1");

        assertThat(groupsOfU1).containsExactlyInAnyOrder(new GroupRef("C", "Group C"), new GroupRef("B", "Group B"),
                new GroupRef("A", "Group A"), new GroupRef("D", "Group D"));
        assertThat(groupIds("u2")).containsExactly("A");
    }

    @Test
    void groupClosure_answersEveryChunk_byIdsAndByIdRange_likeTransitiveGroups() {
        groups(1, groupPage(List.of(group("A"), group("B"), group("C")), addGroup("A", "B"), addUser("B", "u1"),
                addUser("C", "u1"), addUser("A", "u2"), addUser("C", "u3"), addUser("B", "u4"), addGroup("C", "u2x")));
        List<String> everyone = List.of("u1", "u2", "u3", "u4", "u5");
        var expected = inTx(() -> mirror.transitiveGroups(tenant, everyone));

        var closure = inTx(() -> mirror.groupClosure(tenant));
        var byIds = inTx(() -> closure.groupsOf(List.of("u1", "u2")));
        var byRange = inTx(() -> closure.groupsOfRange("u2", "u4", List.of("u2", "u4")));

        assertThat(byIds).containsEntry("u1", expected.get("u1")).containsEntry("u2", expected.get("u2")).hasSize(2);
        assertThat(byRange).as("u3 lies in the range but was not asked for").containsOnlyKeys("u2", "u4")
                .containsEntry("u2", Set.of(new GroupRef("A", "Group A")))
                .containsEntry("u4", Set.of(new GroupRef("B", "Group B"), new GroupRef("A", "Group A")));
        assertThat(inTx(() -> closure.groupsOfRange("u5", "u5", List.of("u5")))).containsEntry("u5", Set.of());
    }

    @Test
    void nestedGroupAdded_reportsTheUsersUnderIt() {
        groups(1, groupPage(List.of(group("A"), group("B"), group("C")),
                addGroup("B", "C"), addUser("C", "u1"), addUser("B", "u2"), addUser("A", "u3")));

        var affected = groups(2, groupPage(List.of(), addGroup("A", "B")));

        assertThat(affected).containsExactlyInAnyOrder("u1", "u2");
        assertThat(groupIds("u1")).containsExactlyInAnyOrder("A", "B", "C");
    }

    @Test
    void nestedGroupRemovedFromParent_reportsItsUsers() {
        groups(1, groupPage(List.of(group("A"), group("B"), group("C")),
                addGroup("A", "B"), addGroup("B", "C"), addUser("C", "u1"), addUser("A", "u2")));

        var affected = groups(2, groupPage(List.of(), removeGroup("A", "B")));

        assertThat(affected).containsExactly("u1");
        assertThat(groupIds("u1")).containsExactlyInAnyOrder("B", "C");
    }

    @Test
    void membershipCycle_terminates() {
        groups(1, groupPage(List.of(group("A"), group("B")),
                addGroup("A", "B"), addGroup("B", "A"), addUser("A", "u1")));

        var affected = groups(2, groupRemoval("B", Reason.DELETED));

        assertThat(affected).containsExactly("u1");
        assertThat(groupIds("u1")).containsExactly("A");
    }

    @Test
    void cycleIsResolvedToEveryGroupOnIt() {
        groups(1, groupPage(List.of(group("A"), group("B"), group("C")),
                addGroup("A", "B"), addGroup("B", "C"), addGroup("C", "A"), addUser("B", "u1")));

        assertThat(groupIds("u1")).containsExactlyInAnyOrder("A", "B", "C");
    }

    @Test
    void groupRemoved_reportsItsFormerTransitiveMembers_andDropsItsEdges() {
        groups(1, groupPage(List.of(group("A"), group("B"), group("C")),
                addGroup("A", "B"), addGroup("B", "C"), addUser("C", "u1"), addUser("B", "u2"), addUser("A", "u3")));

        var affected = groups(2, groupRemoval("B", Reason.SOFT_DELETED));
        var again = groups(2, groupRemoval("B", Reason.SOFT_DELETED));

        assertThat(affected).containsExactlyInAnyOrder("u1", "u2");
        assertThat(again).isEmpty();
        assertThat(groupIds("u1")).containsExactly("C");
        assertThat(groupIds("u2")).isEmpty();
        assertThat(groupIds("u3")).containsExactly("A");
        assertThat(mirror.counts(tenant)).isEqualTo(new MirrorCounts(0, 0, 2, 2));
    }

    @Test
    void removedGroupSeenAgain_isRestored() {
        groups(1, groupPage(List.of(group("A")), addUser("A", "u1")));
        groups(2, groupRemoval("A", Reason.SOFT_DELETED));

        groups(3, groupPage(List.of(group("A")), addUser("A", "u1")));

        assertThat(mirror.counts(tenant)).isEqualTo(new MirrorCounts(0, 0, 1, 1));
        assertThat(groupIds("u1")).containsExactly("A");
    }

    @Test
    void renamedGroup_reportsItsTransitiveUsers_andTheNewName() {
        groups(1, groupPage(List.of(group("A"), group("B")), addGroup("A", "B"), addUser("B", "u1"),
                addUser("A", "u2")));

        var affected = groups(2, groupPage(List.of(new DirectoryGroup("A", "Renamed", null))));
        var unchanged = groups(2, groupPage(List.of(new DirectoryGroup("A", "Renamed", null))));

        assertThat(affected).containsExactlyInAnyOrder("u1", "u2");
        assertThat(unchanged).isEmpty();
        assertThat(inTx(() -> mirror.transitiveGroups(tenant, List.of("u1"))).get("u1"))
                .contains(new GroupRef("A", "Renamed"));
    }

    @Test
    void manyMembers_areResolvedInChunks() {
        List<String> userIds = many(2500).stream().map(u -> u.id()).toList();
        groups(1, groupPage(List.of(group("A"), group("B")), addGroup("A", "B")));
        groups(1, new GroupPage(List.of(), List.of(),
                userIds.stream().map(id -> addUser("B", id)).toList()));

        var closure = inTx(() -> mirror.transitiveGroups(tenant, userIds));
        var affected = groups(2, groupRemoval("B", Reason.DELETED));

        assertThat(closure).hasSize(2500).allSatisfy((id, refs) -> assertThat(refs).hasSize(2));
        assertThat(affected).hasSize(2500);
    }
}
