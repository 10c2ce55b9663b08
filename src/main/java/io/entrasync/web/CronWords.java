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
        String withinHour = withinTheHour(expression.trim());
        if (withinHour != null) {
            return withinHour;
        }
        try {
            return plain(ENGLISH.describe(QUARTZ.parse(expression.trim())));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** {@code s m/N * * * ?} or {@code s m * * * ?}: the shapes a template's schedule takes once spread per tenant. */
    private static final java.util.regex.Pattern HOURLY = java.util.regex.Pattern.compile(
            "(\\d{1,2}) (\\d{1,2})(?:/(\\d{1,2}))? \\* [*?] \\* [*?]");

    /**
     * "every 15 minutes, at :07, :22, …" and "every hour at :07", with "(second 23)" unless on the full minute: the
     * minutes a spread schedule fires at, which cron-utils would say as "every 15 minutes starting at minute 7".
     */
    static String withinTheHour(String expression) {
        java.util.regex.Matcher m = HOURLY.matcher(expression);
        if (!m.matches()) {
            return null;
        }
        int second = Integer.parseInt(m.group(1));
        int first = Integer.parseInt(m.group(2));
        if (second > 59 || first > 59) {
            return null;
        }
        String at;
        if (m.group(3) == null) {
            at = "every hour at " + String.format(":%02d", first);
        } else {
            int every = Integer.parseInt(m.group(3));
            if (every < 1 || every > 59) {
                return null;
            }
            if (first == 0) {
                return null; // the plain shape ("every 15 minutes"), said by cron-utils
            }
            java.util.List<String> minutes = new java.util.ArrayList<>();
            for (int minute = first; minute < 60; minute += every) {
                minutes.add(String.format(":%02d", minute));
            }
            at = (every == 1 ? "every minute" : "every " + every + " minutes") + ", at "
                    + (minutes.size() > 2 ? minutes.get(0) + ", " + minutes.get(1) + ", …" : String.join(", ", minutes));
        }
        return second == 0 ? at : at + " (second " + second + ")";
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
