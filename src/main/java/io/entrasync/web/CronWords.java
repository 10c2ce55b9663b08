package io.entrasync.web;

import com.cronutils.descriptor.CronDescriptor;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import java.util.Locale;

/**
 * A Quartz cron expression in English words for the admin page ("every minute", "at 03:00 on Sunday"), next to the
 * expression itself. Null for null; the expression itself when it cannot be described (an invalid file's schedule).
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
            return ENGLISH.describe(QUARTZ.parse(expression.trim()));
        } catch (RuntimeException e) {
            return expression;
        }
    }
}
