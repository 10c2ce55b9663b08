package io.entrasync.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.source.DirectoryUser;
import io.entrasync.source.DirectoryUser.Attribute;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The merge rules of user items, without a database. */
class UserMergeTest {

    static final DirectoryUser STORED = DirectoryMirrorContract.full("a", "a@x.example");

    static DirectoryUser item(String department, Set<Attribute> cleared) {
        return new DirectoryUser("a", null, null, null, null, null, List.of(), List.of(), null, department, null,
                null, null, null, null, cleared);
    }

    @Test
    void delta_valueReplaces_presentNullClears_absentKeeps_andNothingStaysMarkedCleared() {
        DirectoryUser after = UserMerge.over(STORED, item(null, Set.of(Attribute.DEPARTMENT, Attribute.OTHER_MAILS)));

        assertThat(after.department()).isNull();
        assertThat(after.otherMails()).isEmpty();
        assertThat(after.jobTitle()).isEqualTo("Clerk");
        assertThat(after.businessPhones()).containsExactly("+49 30 1", "+49 30 2");
        assertThat(after.cleared()).isEmpty();
        assertThat(UserMerge.over(STORED, item("Ops", Set.of())).department()).isEqualTo("Ops");
    }

    @Test
    void twoItems_laterValueWins_laterClearWins_earlierClearSurvivesALaterItemWithoutTheAttribute() {
        DirectoryUser clears = item(null, Set.of(Attribute.DEPARTMENT));

        assertThat(UserMerge.then(clears, item(null, Set.of())).cleared()).containsExactly(Attribute.DEPARTMENT);
        assertThat(UserMerge.then(clears, item("Ops", Set.of())).cleared()).isEmpty();
        assertThat(UserMerge.then(item("Ops", Set.of()), clears).department()).isNull();
        assertThat(UserMerge.then(item("Ops", Set.of()), clears).cleared()).containsExactly(Attribute.DEPARTMENT);
    }

    @Test
    void full_whatTheItemLacksIsGone_exceptTheRequiredAttributes() {
        DirectoryUser after = UserMerge.full(STORED, item("Ops", Set.of()));

        assertThat(after).isEqualTo(new DirectoryUser("a", "Name a", null, null, null, "a@contoso.example",
                List.of(), List.of(), null, "Ops", null, null, null, true, null));
        assertThat(UserMerge.full(null, item("Ops", Set.of())).displayName()).isNull();
    }
}
