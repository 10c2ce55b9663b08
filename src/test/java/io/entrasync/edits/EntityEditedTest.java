package io.entrasync.edits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The difference of two snapshots: only changed fields, in snapshot order; creations and deletions; long values cut. */
class EntityEditedTest {

    @Test
    void onlyTheFieldsWhoseValuesDiffer_areChanges() {
        Map<String, String> before = new LinkedHashMap<>();
        before.put("name", "A");
        before.put("phone", null);
        before.put("jobTitle", "Clerk");
        Map<String, String> after = new LinkedHashMap<>(before);
        after.put("phone", "123");
        after.put("jobTitle", "Boss");

        assertThat(EntityEdited.between("user 1", before, after).changes()).containsExactly(
                new FieldChange("phone", null, "123"), new FieldChange("jobTitle", "Clerk", "Boss"));
        assertThat(EntityEdited.between("user 1", before, new LinkedHashMap<>(before)).isEmpty()).isTrue();
    }

    @Test
    void aDeletion_hasTheDeletedValuesAsBefore() {
        Map<String, String> before = new LinkedHashMap<>();
        before.put("name", "Site");
        before.put("emailDomains", null);

        assertThat(EntityEdited.between("site 3", before, null).changes())
                .containsExactly(new FieldChange("name", "Site", null));
    }

    @Test
    void longValues_areCut() {
        FieldChange change = new FieldChange("jobTitle", "x".repeat(2000), "short");

        assertThat(change.before()).hasSize(FieldChange.MAX_VALUE).endsWith("…");
        assertThat(change.after()).isEqualTo("short");
    }
}
