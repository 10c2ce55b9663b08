package io.entrasync.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CronWordsTest {

    @Test
    void describesTheShippedSchedulesInWords() {
        assertThat(CronWords.describe("0 * * * * ?")).isEqualTo("every minute");
        assertThat(CronWords.describe("0 */15 * * * ?")).isEqualTo("every 15 minutes");
        assertThat(CronWords.describe("0 0 3 ? * SUN")).isEqualTo("at 03:00 on Sunday");
        assertThat(CronWords.describe("0 0 3 * * ?")).isEqualTo("every day at 03:00");
        assertThat(CronWords.describe("0 30 6 1 * ?")).isEqualTo("at 06:30 on day 1 of the month");
        assertThat(CronWords.describe("0 0 3 1 1 ? 2099")).isEqualTo("at 03:00 on day 1 of the month in January in 2099");
        assertThat(CronWords.describe("0 0 2 ? * MON-FRI")).isEqualTo("at 02:00 every day between Monday and Friday");
    }

    @Test
    void aScheduleSpreadPerTenant_saysTheMinutesItFiresAt() {
        assertThat(CronWords.describe("23 7/15 * * * ?")).isEqualTo("every 15 minutes, at :07, :22, … (second 23)");
        assertThat(CronWords.describe("0 7/30 * * * ?")).isEqualTo("every 30 minutes, at :07, :37");
        assertThat(CronWords.describe("5 42 * * * ?")).isEqualTo("every hour at :42 (second 5)");
        assertThat(CronWords.describe("0 0/15 * * * ?")).isEqualTo("every 15 minutes");
    }

    @Test
    void anExpressionItCannotDescribe_hasNoWords_andNullStaysNull() {
        assertThat(CronWords.describe("0 */15 * * *")).isNull();
        assertThat(CronWords.describe(null)).isNull();
    }
}
