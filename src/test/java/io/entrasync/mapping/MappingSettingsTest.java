package io.entrasync.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MappingSettingsTest {

    static Map<String, String> settings(String yaml) {
        return MappingSettings.flatten(YamlTree.parse(yaml, new Problems("t.yaml")));
    }

    @Test
    void flattening_joinsKeysWithDots_listsOfValuesAsOneValue_andListsOfMappingsByPosition() {
        Map<String, String> flat = settings("""
                scope: { groups: [Helpdesk Users, Agents] }
                sites:
                  - { group: Berlin, site: BER }
                  - { default: HQ }
                """);

        assertThat(flat).containsEntry("scope.groups", "[Helpdesk Users, Agents]")
                .containsEntry("sites[0].group", "Berlin").containsEntry("sites[0].site", "BER")
                .containsEntry("sites[1].default", "HQ");
    }

    @Test
    void theDiff_namesTheChangedKeys_butNotTheSchedule() {
        Map<String, String> before = settings("schedule: a\nscope: { groups: [Helpdesk Users] }\nsafety: { maxDeactivations: 3 }\n");
        Map<String, String> after = settings("schedule: b\nscope: { groups: [Site Admins] }\n");

        assertThat(MappingSettings.diff(before, after)).extracting(Object::toString).containsExactly(
                "safety.maxDeactivations: 3 → (absent)", "scope.groups: [Helpdesk Users] → [Site Admins]");
    }

    @Test
    void thePlanHash_ignoresLayoutCommentsAndTheSchedule_butNotWhatAPlanDependsOn() {
        String hash = MappingSettings.planHash(settings("schedule: a\nscope: { groups: [X] }\n"));

        assertThat(MappingSettings.planHash(settings("# a comment\nscope:\n  groups: [X]\nschedule: b\ntimeZone: UTC\n")))
                .isEqualTo(hash);
        assertThat(MappingSettings.planHash(settings("schedule: a\nscope: { groups: [Y] }\n"))).isNotEqualTo(hash);
    }
}
