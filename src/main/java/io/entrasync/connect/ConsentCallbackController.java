package io.entrasync.connect;

import io.entrasync.auth.Caller;
import io.entrasync.problem.ForbiddenException;
import io.entrasync.problem.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /connect/callback}: the redirect URI registered on the MSP app. Not under {@code /api}: the admin's
 * browser arrives here from Microsoft without an API credential (the page's filter chain lets it through; the
 * {@code state} is what authorizes it). A browser is sent on to the page ({@code 303 /#connect/<id>}, or
 * {@code /#connect/error/<reason>} when the state does not authorize the call); {@code Accept: application/json}
 * answers the outcome, or problem+json.
 */
@RestController
class ConsentCallbackController {

    static final String PATH = "/connect/callback";

    private final ConsentCallback callback;

    ConsentCallbackController(ConsentCallback callback) {
        this.callback = callback;
    }

    @GetMapping(PATH)
    ResponseEntity<?> callback(@RequestParam(name = "state", required = false) String state,
            @RequestParam(name = "admin_consent", required = false) String adminConsent,
            @RequestParam(name = "tenant", required = false) String tenant,
            @RequestParam(name = "error", required = false) String error,
            @RequestParam(name = "error_description", required = false) String errorDescription,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept, HttpServletRequest request) {
        boolean json = accept != null && accept.contains(MediaType.APPLICATION_JSON_VALUE);
        ConsentCallback.Params params = new ConsentCallback.Params(state, adminConsent, tenant, error, errorDescription,
                request.getRemoteAddr());
        ConnectRequest done;
        try {
            done = callback.handle(params, Caller.current());
        } catch (ProblemException e) {
            if (json) {
                throw e;
            }
            String reason = e instanceof ConsentCallback.StateRefused refused ? refused.reason()
                    : e instanceof ForbiddenException ? "forbidden" : "invalid";
            return seeOther("/#connect/error/" + reason);
        }
        return json ? ResponseEntity.ok(ConnectOutcome.of(done)) : seeOther("/#connect/" + done.id());
    }

    private static ResponseEntity<?> seeOther(String location) {
        return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(location)).build();
    }
}
