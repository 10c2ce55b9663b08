package io.entrasync.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.source.DirectoryGroup;
import io.entrasync.source.DirectoryUser;
import io.entrasync.source.DirectoryUser.Attribute;
import io.entrasync.source.GroupPage;
import io.entrasync.source.RemovedObject;
import io.entrasync.source.RemovedObject.Reason;
import io.entrasync.source.UserPage;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Full reads ({@link FullRead}): pages staged, merged at the end; run by {@link FullReadPostgresTest} (COPY) and
 * {@link FullReadH2Test} (batched inserts).
 */
abstract class FullReadContract extends DirectoryMirrorContract {

    /** Reads the pages (UserPage or GroupPage, in order) as one full enumeration in one transaction. */
    List<String> fullRun(long run, Object... pages) {
        return inTx(() -> {
            FullRead read = mirror.beginFullRead(tenant, run);
            for (Object page : pages) {
                if (page instanceof UserPage users) {
                    read.users(users);
                } else {
                    read.groups((GroupPage) page);
                }
            }
            return read.finish();
        });
    }

    MirrorUser stored(String id) {
        return mirror.user(tenant, id).orElseThrow();
    }

    @Test
    void firstFull_storesUsersGroupsAndMemberships() {
        DirectoryUser alice = full("a", "Alice@Contoso.example");

        var notSeen = fullRun(1, userPage(alice, full("b", null)),
                groupPage(List.of(group("A"), group("B")), addUser("A", "a"), addGroup("A", "B"), addUser("B", "b")));

        assertThat(notSeen).isEmpty();
        assertThat(stored("a").toDirectoryUser()).isEqualTo(alice);
        assertThat(stored("a").removed()).isFalse();
        assertThat(stored("a").lastSeenRun()).isEqualTo(1);
        assertThat(stored("a").updatedAt()).isEqualTo(clock.instant());
        assertThat(mirror.claimantsByEmail(tenant, List.of("alice@contoso.example")))
                .containsEntry("alice@contoso.example", List.of("a"));
        assertThat(mirror.counts(tenant)).isEqualTo(new MirrorCounts(2, 0, 2, 3));
        assertThat(inTx(() -> mirror.transitiveGroups(tenant, List.of("b"))).get("b"))
                .containsExactlyInAnyOrder(new GroupRef("A", "Group A"), new GroupRef("B", "Group B"));
    }

    @Test
    void fullAgain_unchanged_writesNothing() {
        Object[] pages = {userPage(full("a", "a@x.example"), full("b", null)),
                groupPage(List.of(group("A")), addUser("A", "a"), addUser("A", "b"))};
        fullRun(1, pages);
        var before = inTx(() -> mirror.users(tenant, List.of("a", "b")));
        clock.advance(Duration.ofHours(1));

        var notSeen = fullRun(2, pages);

        assertThat(notSeen).isEmpty();
        assertThat(inTx(() -> mirror.users(tenant, List.of("a", "b")))).containsExactlyInAnyOrderElementsOf(before);
        assertThat(stored("a").lastSeenRun()).isEqualTo(1);
        assertThat(mirror.counts(tenant)).isEqualTo(new MirrorCounts(2, 0, 1, 2));
    }

    @Test
    void changedAttribute_isUpdated_andWhatTheItemLeavesOut_isCleared_butRequiredAttributesAreKept() {
        fullRun(1, userPage(full("a", "a@x.example"), full("b", null)));
        DirectoryUser moved = new DirectoryUser("a", null, null, null, "A.New@X.example", null, List.of(), List.of(),
                null, "Support", null, null, null, false, null);
        clock.advance(Duration.ofHours(1));

        fullRun(2, userPage(moved, full("b", null)));

        DirectoryUser expected = new DirectoryUser("a", "Name a", null, null, "A.New@X.example",
                "a@contoso.example", List.of(), List.of(), null, "Support", null, null, null, false, null);
        assertThat(stored("a").toDirectoryUser()).isEqualTo(expected);
        assertThat(stored("a").lastSeenRun()).isEqualTo(2);
        assertThat(stored("a").updatedAt()).isEqualTo(clock.instant());
        assertThat(mirror.claimantsByEmail(tenant, List.of("a.new@x.example"))).containsKey("a.new@x.example");
        assertThat(stored("b").lastSeenRun()).isEqualTo(1);
    }

    @Test
    void completeItemWithEmptyLists_clearsThem() {
        fullRun(1, userPage(full("a", "a@x.example")));
        DirectoryUser withoutLists = new DirectoryUser("a", "Name a", "Given", "Sur", "a@x.example",
                "a@contoso.example", List.of(), List.of(), "+49 170 1", "Sales", "Clerk", "Contoso", "Berlin", true,
                "Member");

        fullRun(2, userPage(withoutLists));

        assertThat(stored("a").toDirectoryUser()).isEqualTo(withoutLists);
    }

    @Test
    void attributesAFullReadLeavesOut_areCleared_evenWhenADeltaSetThem() {
        fullRun(1, userPage(full("a", "a@x.example")));
        users(2, userPage(new DirectoryUser("a", null, null, null, null, null, List.of(), List.of(), null, "Ops",
                "Lead", null, null, null, null)));
        DirectoryUser asGraphListsIt = new DirectoryUser("a", "Name a", "Given", "Sur", "a@x.example",
                "a@contoso.example", List.of(), List.of("+49 30 1"), null, null, null, "Contoso", null, true,
                "Member");

        fullRun(3, userPage(asGraphListsIt));

        assertThat(stored("a").toDirectoryUser()).isEqualTo(asGraphListsIt);
        assertThat(stored("a").lastSeenRun()).isEqualTo(3);
    }

    @Test
    void userOnTwoPages_aLaterItemsNullClearsWhatTheFirstListed_andWhatItLeavesOutKeepsTheFirstItemsValue() {
        fullRun(1, userPage(full("a", "a@x.example")));
        DirectoryUser later = new DirectoryUser("a", null, null, null, null, null, List.of(), List.of(), null, null,
                "Lead", null, null, null, null, Set.of(Attribute.DEPARTMENT));

        fullRun(2, userPage(full("a", "a@x.example")), userPage(later));

        DirectoryUser stored = stored("a").toDirectoryUser();
        assertThat(stored.department()).isNull();
        assertThat(stored.jobTitle()).isEqualTo("Lead");
        assertThat(stored.mail()).isEqualTo("a@x.example");
        assertThat(stored.officeLocation()).isEqualTo("Berlin");
    }

    @Test
    void groupDescription_aFullReadLeavesOut_isCleared_andARemovalAloneKeepsIt() {
        fullRun(1, groupPage(List.of(new DirectoryGroup("A", "Group A", "About A"),
                new DirectoryGroup("B", "Group B", "About B")), addUser("A", "u1"), addUser("B", "u1")));

        fullRun(2, groupPage(List.of(new DirectoryGroup("A", "Group A", null)), addUser("A", "u1")),
                groupRemoval("B", Reason.SOFT_DELETED));

        assertThat(description("A")).isNull();
        assertThat(description("B")).isEqualTo("About B");
    }

    @Test
    void missingUser_isReportedNotSeen_andLeftAsItWas() {
        fullRun(1, userPage(full("a", null), full("b", null), full("c", null)),
                removals(new RemovedObject("c", Reason.DELETED)));
        MirrorUser b = stored("b");

        var notSeen = fullRun(2, userPage(full("a", null)));

        assertThat(notSeen).containsExactly("b");
        assertThat(stored("b")).isEqualTo(b);
    }

    @Test
    void removals_markUsers_leaveTombstones_andWinWithinAPage() {
        fullRun(1, userPage(full("a", null), full("b", null)));

        var notSeen = fullRun(2, new UserPage(List.of(full("a", null)), List.of(
                        new RemovedObject("a", Reason.SOFT_DELETED), new RemovedObject("ghost", Reason.DELETED))),
                userPage(full("b", null)));

        assertThat(notSeen).isEmpty();
        assertThat(stored("a").removed()).isTrue();
        assertThat(stored("a").removedReason()).isEqualTo(Reason.SOFT_DELETED);
        assertThat(stored("a").toDirectoryUser()).isEqualTo(full("a", null));
        assertThat(stored("ghost").removedReason()).isEqualTo(Reason.DELETED);
        assertThat(stored("ghost").toDirectoryUser()).isEqualTo(UserRows.tombstone("ghost"));
        assertThat(mirror.counts(tenant)).isEqualTo(new MirrorCounts(1, 2, 0, 0));
    }

    @Test
    void removedUserSeenAgain_isRestored() {
        fullRun(1, userPage(full("a", null)), removals(new RemovedObject("a", Reason.SOFT_DELETED)));
        assertThat(stored("a").removed()).isTrue();

        fullRun(2, userPage(partialNamed("a", "Back")));

        assertThat(stored("a").removed()).isFalse();
        assertThat(stored("a").removedReason()).isNull();
        assertThat(stored("a").toDirectoryUser().displayName()).isEqualTo("Back");
        assertThat(stored("a").toDirectoryUser().mail()).isNull();
        assertThat(stored("a").toDirectoryUser().department()).isNull();
    }

    @Test
    void userOnSeveralPages_endsAsTheMergeInPageOrder_andTheLastPageDecidesRemoval() {
        fullRun(1, userPage(full("a", "a@x.example"), full("b", null), full("c", null)));

        fullRun(2, userPage(partialNamed("a", "First"), full("b", null), full("c", null)),
                userPage(partialNamed("a", "Second")),
                removals(new RemovedObject("b", Reason.SOFT_DELETED)),
                removals(new RemovedObject("c", Reason.DELETED)), userPage(partialNamed("c", "Back")),
                userPage(partialNamed("new", "One")), userPage(full("new", "new@x.example")));

        assertThat(stored("a").toDirectoryUser().displayName()).isEqualTo("Second");
        assertThat(stored("a").toDirectoryUser().mail()).isNull();
        assertThat(stored("b").removedReason()).isEqualTo(Reason.SOFT_DELETED);
        assertThat(stored("c").removed()).isFalse();
        assertThat(stored("c").toDirectoryUser().displayName()).isEqualTo("Back");
        assertThat(stored("new").toDirectoryUser()).isEqualTo(full("new", "new@x.example"));
        assertThat(mirror.claimantsByEmail(tenant, List.of("new@x.example"))).containsKey("new@x.example");
    }

    @Test
    void membershipsNotSeenAreDropped_newOnesAdded_andTheLastChangeOfAnEdgeCounts() {
        fullRun(1, groupPage(List.of(group("A"), group("B")), addUser("A", "u1"), addUser("A", "u2"),
                addUser("B", "u3")));

        fullRun(2, groupPage(List.of(group("A"), group("B")), addUser("A", "u1"), addUser("B", "u4"),
                        addUser("B", "u3")),
                groupPage(List.of(new DirectoryGroup("A", null, null)), addUser("A", "u5"), removeUser("B", "u3")),
                groupPage(List.of(), removeUser("A", "u6")), groupPage(List.of(), addUser("A", "u6")));

        assertThat(groupIds("u1")).containsExactly("A");
        assertThat(groupIds("u2")).isEmpty();
        assertThat(groupIds("u3")).isEmpty();
        assertThat(groupIds("u4")).containsExactly("B");
        assertThat(groupIds("u5")).containsExactly("A");
        assertThat(groupIds("u6")).containsExactly("A");
        assertThat(mirror.counts(tenant)).isEqualTo(new MirrorCounts(0, 0, 2, 4));
    }

    @Test
    void groupKnownOnlyByItsMembers_staysSeen_andWhatWasNotSeenIsDropped() {
        fullRun(1, groupPage(List.of(group("A"), group("B"), group("C"), group("D")),
                addUser("A", "u1"), addUser("A", "u2"), addUser("B", "u3"), addGroup("A", "C"), addUser("C", "u4"),
                addGroup("A", "D"), addUser("D", "u5")));

        fullRun(2, groupPage(List.of(group("A"), group("C")), addUser("A", "u1"), addGroup("A", "C")),
                groupPage(List.of(group("D")), addUser("C", "u4"), addUser("D", "u5")));

        assertThat(mirror.counts(tenant)).isEqualTo(new MirrorCounts(0, 0, 3, 4));
        assertThat(groupIds("u2")).isEmpty();
        assertThat(groupIds("u3")).isEmpty();
        assertThat(groupIds("u4")).containsExactlyInAnyOrder("A", "C");
        assertThat(groupIds("u5")).containsExactly("D");
    }

    @Test
    void edgeAddedOnTwoPages_isStoredOnce() {
        var notSeen = fullRun(1, groupPage(List.of(group("A")), addUser("A", "u1"), addUser("A", "u2")),
                groupPage(List.of(new DirectoryGroup("A", null, null)), addUser("A", "u1")));

        assertThat(notSeen).isEmpty();
        assertThat(groupIds("u1")).containsExactly("A");
        assertThat(mirror.counts(tenant)).isEqualTo(new MirrorCounts(0, 0, 1, 2));
    }

    @Test
    void groupOnSeveralPages_keepsItsName_andRenameIsStored() {
        fullRun(1, groupPage(List.of(group("A")), addUser("A", "u1")));

        fullRun(2, groupPage(List.of(new DirectoryGroup("A", "Renamed", "About A")), addUser("A", "u1")),
                groupPage(List.of(new DirectoryGroup("A", null, null)), addUser("A", "u2")));

        assertThat(inTx(() -> mirror.transitiveGroups(tenant, List.of("u1", "u2"))))
                .containsEntry("u1", Set.of(new GroupRef("A", "Renamed")))
                .containsEntry("u2", Set.of(new GroupRef("A", "Renamed")));
    }

    @Test
    void nestedGroups_resolveToEveryAncestor_andAChangedNestingIsFollowed() {
        fullRun(1, groupPage(List.of(group("A"), group("B"), group("C")), addGroup("A", "B"), addGroup("B", "C"),
                addUser("C", "u1")));
        assertThat(groupIds("u1")).containsExactlyInAnyOrder("A", "B", "C");

        fullRun(2, groupPage(List.of(group("A"), group("B"), group("C")), addGroup("A", "C"), addUser("C", "u1")));

        assertThat(groupIds("u1")).containsExactlyInAnyOrder("A", "C");
    }

    @Test
    void groupRemovedOrNotSeen_isMarked_andLosesItsEdges() {
        fullRun(1, groupPage(List.of(group("A"), group("B"), group("C"), group("D")), addGroup("A", "B"),
                addUser("B", "u1"), addGroup("A", "C"), addUser("C", "u2"), addUser("D", "u3")));

        fullRun(2, groupPage(List.of(group("A"), group("B")), addGroup("A", "B"), addUser("B", "u1"),
                        addGroup("A", "C")),
                groupRemoval("B", Reason.SOFT_DELETED));

        assertThat(groupIds("u1")).isEmpty();
        assertThat(groupIds("u2")).isEmpty();
        assertThat(groupIds("u3")).isEmpty();
        assertThat(mirror.counts(tenant)).isEqualTo(new MirrorCounts(0, 0, 1, 0));
        assertThat(inTx(() -> mirror.transitiveGroups(tenant, List.of("u1")))).containsEntry("u1", Set.of());
    }

    @Test
    void removedGroupSeenAgain_isRestoredWithItsLaterMembers() {
        fullRun(1, groupPage(List.of(group("A")), addUser("A", "u1")));

        fullRun(2, groupRemoval("A", Reason.SOFT_DELETED),
                groupPage(List.of(new DirectoryGroup("A", null, null)), addUser("A", "u2")));

        assertThat(groupIds("u1")).isEmpty();
        assertThat(inTx(() -> mirror.transitiveGroups(tenant, List.of("u2"))).get("u2"))
                .containsExactly(new GroupRef("A", "Group A"));
        assertThat(mirror.counts(tenant)).isEqualTo(new MirrorCounts(0, 0, 1, 1));
    }

    @Test
    void hostileText_roundTrips() {
        String text = "tab\there, new\nline, back\\slash, \\N, cr\r, quote\" and ' — ünï 😀";
        DirectoryUser odd = new DirectoryUser("a", text, text, null, null, null,
                List.of("tab\tin a list", "back\\slash \\N"), List.of("x"), null, null, null, null, null, null, null);

        fullRun(1, userPage(odd), groupPage(List.of(new DirectoryGroup("G\tG", text, text)), addUser("G\tG", "a")));

        assertThat(stored("a").toDirectoryUser()).isEqualTo(odd);
        assertThat(inTx(() -> mirror.transitiveGroups(tenant, List.of("a"))).get("a"))
                .containsExactly(new GroupRef("G\tG", text));
    }

    @Test
    void aReadThatStartsOverInItsTransaction_forgetsWhatItStagedBefore() {
        var notSeen = inTx(() -> {
            FullRead first = mirror.beginFullRead(tenant, 1);
            first.users(userPage(full("stale", null)));
            FullRead second = mirror.beginFullRead(tenant, 1);
            second.users(userPage(full("a", null)));
            return second.finish();
        });

        assertThat(notSeen).isEmpty();
        assertThat(mirror.user(tenant, "stale")).isEmpty();
        assertThat(mirror.counts(tenant).users()).isEqualTo(1);
    }

    @Test
    void manyUsersAndMembers_areMerged() {
        List<DirectoryUser> all = many(2500);
        List<String> ids = all.stream().map(DirectoryUser::id).toList();
        GroupPage members = new GroupPage(List.of(group("A")), List.of(),
                ids.stream().map(id -> addUser("A", id)).toList());
        fullRun(1, new UserPage(all, List.of()), members);

        var notSeen = fullRun(2, new UserPage(all.subList(0, 2000), List.of()), members);

        assertThat(notSeen).hasSize(500).isSorted();
        assertThat(mirror.counts(tenant)).isEqualTo(new MirrorCounts(2500, 0, 1, 2500));
        assertThat(inTx(() -> mirror.transitiveGroups(tenant, ids))).allSatisfy((id, g) -> assertThat(g).hasSize(1));
    }

    static DirectoryUser partialNamed(String id, String displayName) {
        return new DirectoryUser(id, displayName, null, null, null, null, null, null, null, null, null, null, null,
                null, null);
    }
}
