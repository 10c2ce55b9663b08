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
 * token of ours; the clientState is what proves a notification). Two kinds of request:
 * <ul>
 * <li>the validation handshake, when a subscription is created or renewed: {@code POST ?validationToken=...};
 *     answered 200 {@code text/plain} with the token (Spring has already URL-decoded it), within Graph's 10 s;</li>
 * <li>notifications: 202 once verified and recorded (Graph wants an answer within 3 s; the delta run happens later
 *     on a Quartz thread), 401 for a wrong clientState or an unknown subscription, 400 for a malformed body, 413
 *     above 1 MiB.</li>
 * </ul>
 */
@RestController
class GraphWebhookController {

    static final String PATH = "/webhooks/graph";
    static final String LIFECYCLE_PATH = "/webhooks/graph/lifecycle";
    /** Graph batches notifications; a body above this is not one of its collections. */
    static final int MAX_BODY = 1 << 20;

    private final NotificationIntake intake;

    GraphWebhookController(NotificationIntake intake) {
        this.intake = intake;
    }

    @PostMapping(path = {PATH, LIFECYCLE_PATH})
    ResponseEntity<?> receive(@RequestParam(required = false) String validationToken, HttpServletRequest request)
            throws IOException {
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
            var verdict = intake.take(ChangeNotification.parse(body));
            return verdict == NotificationIntake.Verdict.ACCEPTED ? ResponseEntity.accepted().build()
                    : problem(HttpStatus.UNAUTHORIZED, "clientState: does not match the subscription it names");
        } catch (IllegalArgumentException e) {
            return problem(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
