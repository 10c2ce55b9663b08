package io.entrasync.notify;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The notification URL and lifecycle notification URL Graph calls, outside the admin-token auth (Graph has no
 * token of ours). Every call must carry this deployment's {@link WebhookKey} as the {@code key} query parameter (the
 * subscriptions are created with it in both URLs), else it is answered 401 before anything else is read. Then:
 * <ul>
 * <li>the validation handshake, when a subscription is created or renewed: {@code POST ?key=...&validationToken=...};
 *     answered 200 {@code text/plain} with the token (Spring has already URL-decoded it), within Graph's 10 s;</li>
 * <li>notifications: a changeNotificationCollection is checked item by item and answered 202 once the accepted items
 *     are stored, whatever became of single items (refused ones are counted, see {@link NotificationIntake}); the
 *     work they ask for happens after the answer. 400 for a body that is not a collection of notifications, 413 above
 *     1 MiB or above {@link ChangeNotification#MAX_ITEMS} items or {@link ChangeNotification#MAX_SUBSCRIPTIONS}
 *     subscriptions.</li>
 * </ul>
 */
@RestController
class GraphWebhookController {

    static final String PATH = "/webhooks/graph";
    static final String LIFECYCLE_PATH = "/webhooks/graph/lifecycle";
    /** Graph batches notifications; a body above this is not one of its collections. */
    static final int MAX_BODY = 1 << 20;

    private final NotificationIntake intake;
    private final WebhookKey key;

    GraphWebhookController(NotificationIntake intake, WebhookKey key) {
        this.intake = intake;
        this.key = key;
    }

    @PostMapping(path = {PATH, LIFECYCLE_PATH})
    ResponseEntity<?> receive(@RequestParam(name = WebhookKey.PARAMETER, required = false) String givenKey,
                              @RequestParam(required = false) String validationToken, HttpServletRequest request)
            throws IOException {
        if (!key.matches(givenKey)) {
            // the key is never echoed: a near miss says nothing
            return problem(HttpStatus.UNAUTHORIZED, "key: the notification URL's key is missing or wrong");
        }
        if (validationToken != null) {
            return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(validationToken);
        }
        // read here, bounded: the path is public, so a huge body must not be buffered whole
        byte[] bytes = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (bytes.length == 0 || bytes.length > MAX_BODY) {
            return problem(bytes.length == 0 ? HttpStatus.BAD_REQUEST : HttpStatus.CONTENT_TOO_LARGE,
                    "body: expected a collection of notifications up to 1 MiB");
        }
        String body = new String(bytes, StandardCharsets.UTF_8);
        try {
            intake.take(ChangeNotification.parse(body));
            return ResponseEntity.accepted().build();
        } catch (ChangeNotification.TooLarge e) {
            return problem(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
        } catch (IllegalArgumentException e) {
            return problem(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
