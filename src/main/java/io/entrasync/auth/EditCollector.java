package io.entrasync.auth;

import io.entrasync.edits.EntityEdited;
import io.entrasync.edits.FieldChange;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Collects what the services' edits changed ({@link EntityEdited}) for the request that made them, so the
 * {@link AuditRecorder} can put the field changes into the call's one {@link AuditEvent}. Only committed edits
 * count: an edit rolled back (a 409 half way) changed nothing. Edits outside a request (none today) are not
 * collected.
 */
@Component
class EditCollector {

    /** The request attribute holding the changes of the current request, a {@code List<FieldChange>}. */
    static final String ATTRIBUTE = EditCollector.class.getName() + ".changes";

    @TransactionalEventListener(fallbackExecution = true)
    void collect(EntityEdited edit) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request == null || edit.isEmpty()) {
            return;
        }
        List<FieldChange> changes = changes(request);
        if (changes == null) {
            changes = new ArrayList<>();
            request.setAttribute(ATTRIBUTE, changes, RequestAttributes.SCOPE_REQUEST);
        }
        changes.addAll(edit.changes());
    }

    @SuppressWarnings("unchecked")
    private static List<FieldChange> changes(RequestAttributes request) {
        return (List<FieldChange>) request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
    }

    /** The changes collected for this request (empty when none). */
    @SuppressWarnings("unchecked")
    static List<FieldChange> of(jakarta.servlet.http.HttpServletRequest request) {
        Object changes = request.getAttribute(ATTRIBUTE);
        return changes == null ? List.of() : List.copyOf((List<FieldChange>) changes);
    }
}
