package io.entrasync.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunCountsTest {

    private static final List<FieldDiff> SITE = List.of(new FieldDiff(Field.SITE, "Berlin", "Munich"));

    @Test
    void eachChangeIsCountedUnderItsOwnKind() {
        List<Change> changes = List.of(
                new Change.Create("e1", DesiredAccount.of("a@x.com", "Berlin")),
                new Change.Create("e2", DesiredAccount.of("b@x.com", "Berlin")),
                new Change.Update("e3", 3L, List.of(new FieldDiff(Field.PHONE, "1", "2")), List.of()),
                new Change.Link("e4", 4L, true, List.of()),
                new Change.Move("e5", 5L, "Berlin", "Munich", null, null, SITE, List.of()),
                new Change.Deactivate("e6", 6L, AbsenceReason.DISABLED, 2, true),
                new Change.Reactivate("e7", 7L, SITE, List.of()),
                new Change.Unchanged("e8", 8L, List.of()),
                new Change.Skip("e9", null, SkipReason.EMAIL_CONFLICT, "conflict"));

        RunCounts counts = RunCounts.of(changes);

        assertThat(counts).isEqualTo(new RunCounts(2, 1, 1, 1, 1, 1, 1, 1, 0));
        assertThat(counts.total()).isEqualTo(9);
    }

    @Test
    void moveWithOtherDiffs_countsAsMovedNotUpdated() {
        RunCounts counts = RunCounts.of(List.of(new Change.Move("e5", 5L, "Berlin", "Munich", null, null,
                List.of(new FieldDiff(Field.PHONE, "1", "2"), SITE.get(0)), List.of())));

        assertThat(counts.moved()).isEqualTo(1);
        assertThat(counts.updated()).isZero();
    }

    @Test
    void accumulator_countsFailuresNextToChanges() {
        RunCounts counts = new RunCounts.Accumulator()
                .add(new Change.Unchanged("e1", null, List.of()))
                .addFailed()
                .addFailed()
                .counts();

        assertThat(counts).isEqualTo(new RunCounts(0, 0, 0, 0, 0, 0, 1, 0, 2));
    }

    @Test
    void countsOfChunks_addUp() {
        RunCounts first = new RunCounts(1, 2, 3, 4, 5, 6, 7, 8, 9);

        assertThat(first.plus(first).plus(RunCounts.ZERO)).isEqualTo(new RunCounts(2, 4, 6, 8, 10, 12, 14, 16, 18));
    }

    @Test
    void noChanges_countNothing() {
        assertThat(RunCounts.of(List.of())).isEqualTo(RunCounts.ZERO);
    }

    @Test
    void negativeCount_isRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> new RunCounts(0, 0, 0, 0, 0, 0, 0, 0, -1));
    }
}
