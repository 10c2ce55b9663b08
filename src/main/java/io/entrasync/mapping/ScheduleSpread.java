package io.entrasync.mapping;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A schedule a tenant inherits from its template, moved by a stable per-tenant offset so a thousand tenants built on
 * one template do not all fire in the same second. The offset comes from a SHA-256 of the tenant key (the same on
 * every replica and after every restart): a fixed second ({@code 0}) becomes the tenant's second of the minute; a
 * minute step ({@code *}{@code /15}, {@code 0/15}, with a step dividing 60) starts at the tenant's minute within the
 * step ({@code 7/15}: :07, :22, :37, :52); a fixed minute becomes the tenant's minute of that hour. Other shapes of
 * a field (lists, ranges, every minute) are kept. A schedule written in the tenant file itself is never moved.
 *
 * @param second   the tenant's second of the minute, or -1 when the seconds field was kept
 * @param minute   the tenant's minute offset (within the step, or of the hour), or -1 when the minutes field was kept
 * @param template the schedule as the template writes it
 */
public record ScheduleSpread(int second, int minute, String template) {

    private static final Pattern NUMBER = Pattern.compile("\\d{1,2}");
    private static final Pattern STEP = Pattern.compile("(\\*|\\d{1,2})/(\\d{1,2})");

    /** The effective schedule and how it was moved; {@code spread} null when nothing could be moved. */
    record Applied(String cron, ScheduleSpread spread) { }

    /** {@code cron} (a valid Quartz expression) moved for tenant {@code tenantKey}. */
    static Applied apply(String cron, String tenantKey) {
        String[] fields = cron.trim().split("\\s+");
        long hash = hash(tenantKey);
        int second = -1;
        int minute = -1;
        if (NUMBER.matcher(fields[0]).matches()) {
            second = (int) Math.floorMod(hash, 60L);
            fields[0] = Integer.toString(second);
        }
        long minuteHash = hash >>> 32;
        Matcher step = STEP.matcher(fields[1]);
        if (NUMBER.matcher(fields[1]).matches()) {
            minute = (int) Math.floorMod(minuteHash, 60L);
            fields[1] = Integer.toString(minute);
        } else if (step.matches() && isStepOfTheHour(step)) {
            int every = Integer.parseInt(step.group(2));
            minute = (int) Math.floorMod(minuteHash, (long) every);
            fields[1] = minute + "/" + every;
        }
        if (second < 0 && minute < 0) {
            return new Applied(cron, null);
        }
        return new Applied(String.join(" ", fields), new ScheduleSpread(second, minute, cron));
    }

    /** {@code * /N} or {@code 0/N} with N dividing 60: the same minutes in every hour, so any start below N works. */
    private static boolean isStepOfTheHour(Matcher step) {
        int every = Integer.parseInt(step.group(2));
        return every > 0 && 60 % every == 0 && ("*".equals(step.group(1)) || "0".equals(step.group(1)));
    }

    private static long hash(String tenantKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(tenantKey.getBytes(StandardCharsets.UTF_8));
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (digest[i] & 0xff);
            }
            return value;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
