package io.entrasync.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CronWordsTest {

    @Test
    void describesTheShippedSchedulesInWords() {
        assertThat(CronWords.describe("0 * * * * ?")).isEqualTo("every minute");
        assertThat(CronWords.describe("0 */15 * * * ?")).isEqualTo("every 15 minutes");
        assertThat(CronWords.describe("0 0 3 ? * SUN")).contains("3:00").contains("Sunday");
    }

    @Test
    void anExpressionItCannotDescribe_isShownAsWritten_andNullStaysNull() {
        assertThat(CronWords.describe("0 */15 * * *")).isEqualTo("0 */15 * * *");
        assertThat(CronWords.describe(null)).isNull();
    }
}
