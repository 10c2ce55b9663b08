package io.entrasync.directory;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises mail no person wrote: bounces and auto-replies. Answering them with a ticket (and an account) would
 * start a mail loop with the other side's robot. Recognised by the sender's local part ({@code MAILER-DAEMON@},
 * {@code postmaster@}, {@code noreply@} ...) and by the {@code Auto-Submitted} header (RFC 3834: anything but
 * {@code no}) or a {@code Precedence} of bulk, junk or auto_reply.
 */
final class AutomatedMail {

    private static final Set<String> ROBOTS = Set.of("mailer-daemon", "postmaster", "noreply", "no-reply",
            "donotreply", "do-not-reply", "no_reply");
    private static final Set<String> BULK_PRECEDENCE = Set.of("bulk", "junk", "auto_reply", "list");

    private AutomatedMail() {
    }

    /** Why this mail is not from a person, or empty when nothing says so. Header names are case-insensitive. */
    static Optional<String> reason(String email, Map<String, String> headers) {
        String local = email.substring(0, Math.max(0, email.lastIndexOf('@'))).toLowerCase(Locale.ROOT);
        int plus = local.indexOf('+');
        String bare = plus > 0 ? local.substring(0, plus) : local;
        if (ROBOTS.contains(bare)) {
            return Optional.of("automated sender " + email + " (a bounce or a no-reply address): no account, no ticket");
        }
        if (headers != null) {
            for (Map.Entry<String, String> header : headers.entrySet()) {
                String name = header.getKey() == null ? "" : header.getKey().trim().toLowerCase(Locale.ROOT);
                String value = header.getValue() == null ? "" : header.getValue().trim().toLowerCase(Locale.ROOT);
                if (name.equals("auto-submitted") && !value.isEmpty() && !value.startsWith("no")) {
                    return Optional.of("auto-reply (Auto-Submitted: " + header.getValue().trim()
                            + "): no account, no ticket");
                }
                if (name.equals("precedence") && BULK_PRECEDENCE.contains(value)) {
                    return Optional.of("automated mail (Precedence: " + header.getValue().trim()
                            + "): no account, no ticket");
                }
            }
        }
        return Optional.empty();
    }
}
