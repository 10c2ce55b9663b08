package io.entrasync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ColumnFitTest {

    @Test
    void shortValues_areKept_nullStaysNull() {
        ColumnFit fit = new ColumnFit();

        assertThat(fit.fit("firstName", "Zoë 🦄", 200)).isEqualTo("Zoë 🦄");
        assertThat(fit.fit("firstName", null, 200)).isNull();
        assertThat(fit.notes()).isEmpty();
    }

    @Test
    void longValue_isCutToTheColumn_andReported() {
        ColumnFit fit = new ColumnFit();

        assertThat(fit.fit("jobTitle", "x".repeat(300), 200)).hasSize(200);
        assertThat(fit.notes()).containsExactly("jobTitle shortened from 300 to 200 characters");
    }

    @Test
    void cutNeverSplitsASurrogatePair() {
        String cut = new ColumnFit().fit("firstName", "a" + "😀".repeat(100), 100);

        assertThat(cut).hasSize(99).isEqualTo("a" + "😀".repeat(49));
    }

    @Test
    void nulCharacters_areDropped() {
        assertThat(new ColumnFit().fit("lastName", "Nu\u0000ll", 200)).isEqualTo("Null");
    }

    @Test
    void tooLong_namesTheFieldAndTheLimit() {
        assertThat(ColumnFit.tooLong("email", "a".repeat(321), 320))
                .isEqualTo("email is 321 characters long; the helpdesk stores at most 320");
        assertThat(ColumnFit.tooLong("email", "a@b.c", 320)).isNull();
    }
}
