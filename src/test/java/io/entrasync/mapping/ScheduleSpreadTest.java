package io.entrasync.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.CronExpression;

/** A template's schedule, spread per tenant so a fleet does not fire in one second. */
class ScheduleSpreadTest {

    static final String EVERY_15_MINUTES = "0 */15 * * * ?";

    @Test
    void thousandTenants_everyQuarterHour_fireSpreadOverTheQuarter_noSecondHoldsMoreThanAFew() throws ParseException {
        Map<Integer, Integer> tenantsPerSecondOfHour = new HashMap<>();
        Instant hour = Instant.parse("2026-01-05T10:00:00Z");
        for (int i = 0; i < 1000; i++) {
            String cron = ScheduleSpread.apply(EVERY_15_MINUTES, "customer-" + i).cron();
            CronExpression expression = new CronExpression(cron);
            expression.setTimeZone(TimeZone.getTimeZone("UTC"));
            Date fire = expression.getNextValidTimeAfter(Date.from(hour.minusMillis(1)));
            int fires = 0;
            while (fire.toInstant().isBefore(hour.plusSeconds(3600))) {
                tenantsPerSecondOfHour.merge((int) (fire.toInstant().getEpochSecond() - hour.getEpochSecond()), 1,
                        Integer::sum);
                fire = expression.getNextValidTimeAfter(fire);
                fires++;
            }
            assertThat(fires).as("still every 15 minutes: " + cron).isEqualTo(4);
        }

        int busiest = tenantsPerSecondOfHour.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        assertThat(busiest).as("tenants firing in the busiest second (unspread: 1000)").isLessThanOrEqualTo(6);
        assertThat(tenantsPerSecondOfHour.keySet()).as("seconds of the hour in use").hasSizeGreaterThan(4 * 500);
    }

    @Test
    void theOffsetIsStable_derivedFromTheTenantKeyAlone() {
        ScheduleSpread.Applied contoso = ScheduleSpread.apply(EVERY_15_MINUTES, "contoso");

        assertThat(ScheduleSpread.apply(EVERY_15_MINUTES, "contoso")).isEqualTo(contoso);
        assertThat(contoso.cron()).as("pinned: the same on every replica, after every restart, in every version")
                .isEqualTo(contoso.spread().second() + " " + contoso.spread().minute() + "/15 * * * ?")
                .isEqualTo("47 1/15 * * * ?");
        assertThat(contoso.spread().template()).isEqualTo(EVERY_15_MINUTES);
        assertThat(ScheduleSpread.apply(EVERY_15_MINUTES, "fabrikam").cron()).isNotEqualTo(contoso.cron());
    }

    @Test
    void shapes_fixedSecondAndMinuteMove_listsAndRangesAndHoursStay() {
        assertThat(ScheduleSpread.apply("0 0 3 ? * SUN", "contoso").cron()).matches("\\d{1,2} \\d{1,2} 3 \\? \\* SUN");
        assertThat(ScheduleSpread.apply("0 0/20 * * * ?", "contoso").cron()).matches("\\d{1,2} (0|1)?\\d/20 \\* \\* \\* \\?");
        assertThat(ScheduleSpread.apply("0 5,35 * * * ?", "contoso").cron()).matches("\\d{1,2} 5,35 \\* \\* \\* \\?");
        assertThat(ScheduleSpread.apply("0/30 * * * * ?", "contoso").spread()).as("nothing to move").isNull();
        assertThat(ScheduleSpread.apply("0 */7 * * * ?", "contoso").cron()).as("a step not dividing the hour")
                .matches("\\d{1,2} \\*/7 \\* \\* \\* \\?");
    }

    @Test
    void inheritedScheduleIsSpread_oneWrittenInTheTenantFileIsKept(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("_msp-default.yaml"), MappingTemplatesTest.TEMPLATE
                + "fullSyncSchedule: \"0 30 2 ? * SUN\"\n");
        Files.writeString(dir.resolve("contoso.yaml"), MappingTemplatesTest.TENANT);
        Files.writeString(dir.resolve("fabrikam.yaml"), MappingTemplatesTest.TENANT.replace("contoso", "fabrikam")
                .replace("11111111", "22222222") + "schedule: \"0 */15 * * * ?\"\n");

        MappingRegistry registry = new MappingRegistry(dir, System::nanoTime);

        TenantMapping contoso = registry.tenant("contoso").orElseThrow();
        assertThat(contoso.schedule()).isEqualTo("47 1/15 * * * ?");
        assertThat(contoso.scheduleSpread()).isEqualTo(new ScheduleSpread(47, 1, EVERY_15_MINUTES));
        assertThat(contoso.fullSyncSchedule()).matches("47 \\d{1,2} 2 \\? \\* SUN");
        TenantMapping fabrikam = registry.tenant("fabrikam").orElseThrow();
        assertThat(fabrikam.schedule()).isEqualTo(EVERY_15_MINUTES);
        assertThat(fabrikam.scheduleSpread()).isNull();
        assertThat(fabrikam.fullSyncScheduleSpread()).as("its full-sync schedule is still the template's, so spread")
                .extracting(ScheduleSpread::template).isEqualTo("0 30 2 ? * SUN");
        assertThat(fabrikam.fullSyncSchedule()).isEqualTo(fabrikam.fullSyncScheduleSpread().second() + " "
                + fabrikam.fullSyncScheduleSpread().minute() + " 2 ? * SUN");
    }
}
