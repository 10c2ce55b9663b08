package io.entrasync.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.source.DirectoryUser;
import io.entrasync.source.DirectoryUser.Attribute;
import io.entrasync.source.RemovedObject;
import io.entrasync.source.RemovedObject.Reason;
import io.entrasync.source.UserPage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Users, delta links and counts; run by {@link UserMirrorPostgresTest} and {@link UserMirrorH2Test}. */
abstract class UserMirrorContract extends DirectoryMirrorContract {

    @Test
    void newUser_isStoredWithEveryAttribute() {
        DirectoryUser alice = full("a", "Alice@Contoso.example");

        var touched = users(1, userPage(alice));

        assertThat(touched).containsExactly("a");
        MirrorUser stored = mirror.user(tenant, "a").orElseThrow();
        assertThat(stored.toDirectoryUser()).isEqualTo(alice);
        assertThat(stored.removed()).isFalse();
        assertThat(stored.lastSeenRun()).isEqualTo(1);
        assertThat(stored.updatedAt()).isEqualTo(clock.instant());
    }

    @Test
    void reapplyingAPage_changesNothing() {
        UserPage page = new UserPage(List.of(full("a", "a@x.example"), full("b", null)),
                List.of(new RemovedObject("c", Reason.DELETED)));
        users(1, page);
        var before = inTx(() -> mirror.users(tenant, List.of("a", "b", "c")));
        clock.advance(Duration.ofHours(1));

        var touched = users(1, page);

        assertThat(touched).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(inTx(() -> mirror.users(tenant, List.of("a", "b", "c")))).containsExactlyInAnyOrderElementsOf(before);
        assertThat(mirror.counts(tenant)).isEqualTo(new MirrorCounts(2, 1, 0, 0));
    }

    @Test
    void usersAfter_walksTheTenantInIdOrder_chunkByChunk_removedOnesIncluded() {
        users(1, new UserPage(List.of(full("c", null), full("a", null), full("d", null)),
                List.of(new RemovedObject("b", Reason.DELETED))));

        var first = inTx(() -> mirror.usersAfter(tenant, "", 3));
        var rest = inTx(() -> mirror.usersAfter(tenant, "c", 3));

        assertThat(first).extracting(MirrorUser::id).containsExactly("a", "b", "c");
        assertThat(first.get(1).removed()).isTrue();
        assertThat(rest).extracting(MirrorUser::id).containsExactly("d");
        assertThat(inTx(() -> mirror.usersAfter(tenant, "d", 3))).isEmpty();
    }

    @Test
    void partialItem_keepsWhatItDoesNotCarry() {
        users(1, userPage(full("a", "a@x.example")));
        DirectoryUser renamed = new DirectoryUser("a", "New Name", null, null, null, null, List.of(), List.of(),
                null, "Support", null, null, null, false, null);
        clock.advance(Duration.ofHours(1));

        users(2, userPage(renamed));

        MirrorUser stored = mirror.user(tenant, "a").orElseThrow();
        DirectoryUser expected = new DirectoryUser("a", "New Name", "Given", "Sur", "a@x.example",
                "a@contoso.example", List.of("other-a@example.org"), List.of("+49 30 1", "+49 30 2"), "+49 170 1",
                "Support", "Clerk", "Contoso", "Berlin", false, "Member");
        assertThat(stored.toDirectoryUser()).isEqualTo(expected);
        assertThat(stored.lastSeenRun()).isEqualTo(2);
        assertThat(stored.updatedAt()).isEqualTo(clock.instant());
    }

    @Test
    void listSentEmpty_clearsIt_whileAListNotSentIsKept() {
        users(1, userPage(full("a", "a@x.example")));
        DirectoryUser withoutPhones = new DirectoryUser("a", null, null, null, null, "a@contoso.example",
                List.of(), List.of(), null, null, null, null, null, null, null, Set.of(Attribute.BUSINESS_PHONES));

        users(2, userPage(withoutPhones));

        DirectoryUser stored = mirror.user(tenant, "a").orElseThrow().toDirectoryUser();
        assertThat(stored.businessPhones()).isEmpty();
        assertThat(stored.otherMails()).containsExactly("other-a@example.org");
        assertThat(stored.displayName()).isEqualTo("Name a");
    }

    @Test
    void deltaItemWithPresentNulls_clearsThem_andKeepsWhatItDoesNotCarry() {
        users(1, userPage(full("a", "a@x.example")));
        DirectoryUser cleared = new DirectoryUser("a", null, null, null, null, null, List.of(), List.of(), null,
                null, null, null, null, null, null, Set.of(Attribute.DEPARTMENT, Attribute.JOB_TITLE,
                        Attribute.MOBILE_PHONE, Attribute.OFFICE_LOCATION, Attribute.MAIL));
        clock.advance(Duration.ofHours(1));

        users(2, userPage(cleared));

        MirrorUser stored = mirror.user(tenant, "a").orElseThrow();
        DirectoryUser expected = new DirectoryUser("a", "Name a", "Given", "Sur", null, "a@contoso.example",
                List.of("other-a@example.org"), List.of("+49 30 1", "+49 30 2"), null, null, null, "Contoso", null,
                true, "Member");
        assertThat(stored.toDirectoryUser()).isEqualTo(expected);
        assertThat(stored.updatedAt()).isEqualTo(clock.instant());
        assertThat(mirror.claimantsByEmail(tenant, List.of("a@contoso.example"))).containsKey("a@contoso.example");
    }

    @Test
    void twoItemsOfAUserInOnePage_theLaterClearWins_andAnEarlierClearSurvivesALaterItemWithoutIt() {
        users(1, userPage(full("a", "a@x.example")));
        DirectoryUser clearsDepartment = partial("a").withCleared(Set.of(Attribute.DEPARTMENT));
        DirectoryUser setsJobTitle = new DirectoryUser("a", null, null, null, null, null, List.of(), List.of(), null,
                null, "Lead", null, null, null, null);

        users(2, userPage(clearsDepartment, setsJobTitle));

        DirectoryUser stored = mirror.user(tenant, "a").orElseThrow().toDirectoryUser();
        assertThat(stored.department()).isNull();
        assertThat(stored.jobTitle()).isEqualTo("Lead");
        assertThat(stored.cleared()).isEmpty();
    }

    @Test
    void removal_isMarkedWithReason_andSeeingTheUserAgainRestoresIt() {
        users(1, userPage(full("a", "a@x.example")));

        users(2, removals(new RemovedObject("a", Reason.SOFT_DELETED)));
        MirrorUser removed = mirror.user(tenant, "a").orElseThrow();
        users(3, userPage(partial("a")));
        MirrorUser restored = mirror.user(tenant, "a").orElseThrow();

        assertThat(removed.removed()).isTrue();
        assertThat(removed.removedReason()).isEqualTo(Reason.SOFT_DELETED);
        assertThat(removed.toDirectoryUser()).isEqualTo(full("a", "a@x.example"));
        assertThat(restored.removed()).isFalse();
        assertThat(restored.removedReason()).isNull();
        assertThat(restored.toDirectoryUser()).isEqualTo(full("a", "a@x.example"));
        assertThat(restored.lastSeenRun()).isEqualTo(3);
    }

    @Test
    void removalOfAnUnknownUser_leavesATombstone_andRemovalWinsWithinAPage() {
        users(1, removals(new RemovedObject("ghost", Reason.DELETED)));
        users(1, new UserPage(List.of(full("b", null)), List.of(new RemovedObject("b", Reason.DELETED))));

        assertThat(mirror.user(tenant, "ghost").orElseThrow().removedReason()).isEqualTo(Reason.DELETED);
        MirrorUser b = mirror.user(tenant, "b").orElseThrow();
        assertThat(b.removed()).isTrue();
        assertThat(b.toDirectoryUser().displayName()).isEqualTo("Name b");
    }

    @Test
    void userRepeatedInOnePage_isMergedInOrder() {
        DirectoryUser later = new DirectoryUser("a", "Later", null, null, null, null, null, null, null, null,
                null, null, null, null, null);

        users(1, userPage(full("a", "a@x.example"), later));

        assertThat(mirror.user(tenant, "a").orElseThrow().toDirectoryUser().displayName()).isEqualTo("Later");
        assertThat(mirror.user(tenant, "a").orElseThrow().toDirectoryUser().mail()).isEqualTo("a@x.example");
    }

    @Test
    void claimants_matchMailElseUpn_caseInsensitive_notRemoved() {
        DirectoryUser noMail = new DirectoryUser("c", null, null, null, null, "Carol@Contoso.example", null, null,
                null, null, null, null, null, null, null);
        users(1, userPage(full("a", "Shared@Contoso.example"), full("b", "shared@contoso.EXAMPLE"), noMail,
                full("d", "shared@contoso.example")));
        users(1, removals(new RemovedObject("d", Reason.DELETED)));

        Map<String, List<String>> claimants = mirror.claimantsByEmail(tenant,
                List.of(" SHARED@contoso.example", "carol@contoso.example", "nobody@contoso.example"));

        assertThat(claimants).containsOnlyKeys("shared@contoso.example", "carol@contoso.example");
        assertThat(claimants.get("shared@contoso.example")).containsExactly("a", "b");
        assertThat(claimants.get("carol@contoso.example")).containsExactly("c");
    }

    @Test
    void manyUsers_areReadInChunks_andStreamed() {
        List<DirectoryUser> all = many(2500);
        users(1, new UserPage(all, List.of()));

        List<String> ids = all.stream().map(DirectoryUser::id).toList();
        List<String> streamed = new ArrayList<>();
        inTx(() -> {
            mirror.forEachUser(tenant, u -> streamed.add(u.id()));
            return null;
        });

        assertThat(inTx(() -> mirror.users(tenant, ids))).hasSize(2500);
        assertThat(streamed).hasSize(2500).isSorted();
        assertThat(mirror.counts(tenant).users()).isEqualTo(2500);
    }

    @Test
    void deltaLinks_areSavedReplacedAndCleared() {
        assertThat(mirror.usersDeltaLink(tenant)).isEmpty();

        inTx(() -> {
            mirror.saveDeltaLinks(tenant, "users-1", "groups-1");
            return null;
        });
        assertThat(mirror.usersDeltaLink(tenant)).contains("users-1");
        assertThat(mirror.groupsDeltaLink(tenant)).contains("groups-1");

        String longLink = "https://graph/v1.0/users/delta?$deltatoken=" + "x".repeat(5000);
        inTx(() -> {
            mirror.saveDeltaLinks(tenant, longLink, null);
            return null;
        });
        assertThat(mirror.usersDeltaLink(tenant)).contains(longLink);
        assertThat(mirror.groupsDeltaLink(tenant)).isEmpty();

        inTx(() -> {
            mirror.clearDeltaLinks(tenant);
            return null;
        });
        assertThat(mirror.usersDeltaLink(tenant)).isEmpty();
    }
}
