package io.entrasync.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupHierarchyTest {

    @Test
    void ancestorsFollowNestingThreeDeep() {
        var hierarchy = new GroupHierarchy(List.of(Map.entry("A", "B"), Map.entry("B", "C")), Map.of("A", "All"));

        assertThat(hierarchy.withAncestors("C")).containsExactly("C", "B", "A");
        assertThat(hierarchy.withDescendants(List.of("A"))).containsExactly("A", "B", "C");
        assertThat(hierarchy.ref("A")).isEqualTo(new GroupRef("A", "All"));
        assertThat(hierarchy.ref("B")).isEqualTo(new GroupRef("B", null));
    }

    @Test
    void cyclesTerminate() {
        var hierarchy = new GroupHierarchy(
                List.of(Map.entry("A", "B"), Map.entry("B", "A"), Map.entry("B", "B")), Map.of());

        assertThat(hierarchy.withAncestors("A")).containsExactlyInAnyOrder("A", "B");
        assertThat(hierarchy.withDescendants(List.of("B"))).containsExactlyInAnyOrder("A", "B");
    }
}
