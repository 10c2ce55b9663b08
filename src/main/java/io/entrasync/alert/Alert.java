package io.entrasync.alert;

import java.net.URI;
import java.time.Instant;

/**
 * One queued alert: a tenant's condition opened or resolved.
 *
 * @param id        the alert's id
 * @param detail    why (opened) or what was the matter (resolved), never null
 * @param createdAt when the change was seen
 */
public record Alert(long id, String tenant, TenantCondition condition, Event event, String detail, Instant createdAt) {

    /** A condition began, or ended. */
    public enum Event { OPENED, RESOLVED }

    /** The one-line headline: "entra-sync: tenant 'acme' is held". */
    public String title() {
        return event == Event.OPENED ? "entra-sync: tenant '" + tenant + "' " + condition.words()
                : "entra-sync: resolved: tenant '" + tenant + "' " + condition.resolvedWords();
    }

    /** The headline, the detail and the link to the admin page (when one is known), as plain text. */
    public String text(URI page) {
        return title() + "\n" + (event == Event.OPENED ? detail : "Was: " + detail)
                + (page == null ? "" : "\nOpen the admin page: " + page);
    }
}
