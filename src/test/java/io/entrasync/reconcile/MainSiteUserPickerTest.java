package io.entrasync.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.reconcile.MainSiteUserPicker.Candidate;
import io.entrasync.reconcile.MainSiteUserPicker.Pick;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MainSiteUserPickerTest {

    private final MainSiteUserPicker picker = new MainSiteUserPicker();

    private static final Candidate ZED = new Candidate("e1", "zed@contoso.com");
    private static final Candidate AMY = new Candidate("e2", "Amy@contoso.com");
    private static final Candidate BEN = new Candidate("e3", "ben@contoso.com");

    @Test
    void lowestEmail_isPickedAndTheOthersAreReported() {
        List<Pick> picks = picker.pick(Map.of("Berlin", List.of(ZED, BEN, AMY)));

        assertThat(picks).containsExactly(new Pick("Berlin", AMY, List.of(BEN, ZED)));
        assertThat(picks.get(0).contested()).isTrue();
    }

    @Test
    void pick_doesNotDependOnCandidateOrder() {
        List<Candidate> reversed = new ArrayList<>(List.of(AMY, BEN, ZED));
        Collections.reverse(reversed);

        assertThat(picker.pick(Map.of("Berlin", reversed))).isEqualTo(picker.pick(Map.of("Berlin", List.of(AMY, BEN, ZED))));
    }

    @Test
    void singleCandidate_isPickedUncontested() {
        assertThat(picker.pick(Map.of("Berlin", List.of(ZED))))
                .containsExactly(new Pick("Berlin", ZED, List.of()));
    }

    @Test
    void sites_areAnsweredInNameOrder() {
        List<Pick> picks = picker.pick(Map.of("Munich", List.of(BEN), "Berlin", List.of(ZED)));

        assertThat(picks).extracting(Pick::site).containsExactly("Berlin", "Munich");
    }

    @Nested
    class EdgeCases {

        @Test
        void sameEmailIgnoringCase_isDecidedByExternalId() {
            Candidate upper = new Candidate("e9", "SAME@contoso.com");
            Candidate lower = new Candidate("e4", "same@contoso.com");

            assertThat(picker.pick(Map.of("Berlin", List.of(upper, lower))).get(0).chosen()).isEqualTo(lower);
        }

        @Test
        void candidateWithoutEmail_comesLast() {
            Candidate noEmail = new Candidate("e0", null);

            assertThat(picker.pick(Map.of("Berlin", List.of(noEmail, ZED))))
                    .containsExactly(new Pick("Berlin", ZED, List.of(noEmail)));
        }

        @Test
        void siteWithoutCandidates_isLeftOut() {
            Map<String, List<Candidate>> candidates = new HashMap<>();
            candidates.put("Berlin", List.of());
            candidates.put("Munich", null);
            candidates.put("Hamburg", Arrays.asList((Candidate) null));

            assertThat(picker.pick(candidates)).isEmpty();
        }

        @Test
        void duplicateCandidate_isCountedOnce() {
            assertThat(picker.pick(Map.of("Berlin", List.of(AMY, AMY))))
                    .containsExactly(new Pick("Berlin", AMY, List.of()));
        }
    }
}
