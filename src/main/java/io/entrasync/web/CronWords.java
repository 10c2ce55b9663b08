package io.entrasync.web;

import com.cronutils.descriptor.CronDescriptor;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import java.util.Locale;

/**
 * A Quartz cron expression in English words for the admin page ("every minute", "at 03:00 on Sunday"), next to the
 * expression itself. Null for null and for an expression it cannot describe (an invalid file's schedule: the page
 * then shows the expression alone).
 */
final class CronWords {

    private static final CronParser QUARTZ = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(
            com.cronutils.model.CronType.QUARTZ));
    private static final CronDescriptor ENGLISH = CronDescriptor.instance(Locale.ENGLISH);

    private CronWords() {
    }

    static String describe(String expression) {
        if (expression == null || expression.isBlank()) {
            return null;
        }
        try {
            return plain(ENGLISH.describe(QUARTZ.parse(expression.trim())));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * cron-utils' English is literal ("at 03:00 at Sunday day", "at 1 day at January month"): these rewrites make the
     * common shapes read as an admin would say them.
     */
    static String plain(String described) {
        String text = described
                .replaceAll(" at (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) day", " on $1")
                .replaceAll(" at (\\d+) day", " on day $1 of the month")
                .replaceAll(" at (\\w+) month", " in $1")
                .replaceAll(" at (\\d{4}) year", " in $1");
        return text.matches("at \\d{2}:\\d{2}") ? "every day " + text : text;
    }
}
