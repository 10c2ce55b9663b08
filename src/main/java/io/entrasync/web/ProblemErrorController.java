package io.entrasync.web;

import io.entrasync.problem.Problems;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Boot's {@code /error} page: every error that reaches the servlet container's error dispatch (a filter's
 * {@code sendError}, Spring Security's firewall rejecting {@code ;} or an encoded slash, an exception outside MVC) is
 * answered as problem+json without a Java type name or stack trace. Called directly, {@code /error} is an unknown
 * route (404), not Boot's "status 999".
 */
@RestController
class ProblemErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    @RequestMapping(value = "${server.error.path:/error}", produces = {MediaType.APPLICATION_PROBLEM_JSON_VALUE,
            MediaType.APPLICATION_JSON_VALUE, MediaType.ALL_VALUE})
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        if (status == null) {
            status = code == null ? HttpStatus.NOT_FOUND : HttpStatus.INTERNAL_SERVER_ERROR;
        }
        Object error = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (status.is5xxServerError()) {
            log.error("request {} failed", request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI),
                    error instanceof Throwable t ? t : null);
        }
        ProblemDetail problem = Problems.of(status, detail(status, code == null), status == HttpStatus.BAD_REQUEST
                ? "path" : null);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    static String detail(HttpStatus status, boolean direct) {
        return switch (status) {
            case NOT_FOUND -> direct ? "no such route" : "no such route or resource";
            case BAD_REQUEST -> "the request was rejected: its path or headers are malformed (an encoded slash or NUL, "
                    + "'..', ';' or a control character are not accepted in a path)";
            case UNAUTHORIZED -> "a valid admin token is required: Authorization: Bearer <token>";
            case FORBIDDEN -> "the request is not allowed";
            case METHOD_NOT_ALLOWED -> "the method is not supported by this route";
            default -> status.is5xxServerError() ? "internal error; the service log has the details"
                    : status.getReasonPhrase().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
