package io.entrasync.web;

import io.entrasync.problem.Problems;
import io.entrasync.problem.ConflictException;
import io.entrasync.problem.InvalidInputException;
import io.entrasync.problem.NotFoundException;
import io.entrasync.problem.ForbiddenException;
import io.entrasync.problem.ProblemException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;

/** Turns every error into an RFC 9457 problem detail that names the field when there is one. */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ProblemException.class)
    ProblemDetail problem(ProblemException e) {
        HttpStatus status = HttpStatus.UNPROCESSABLE_CONTENT;
        if (e instanceof NotFoundException) {
            status = HttpStatus.NOT_FOUND;
        } else if (e instanceof ConflictException) {
            status = HttpStatus.CONFLICT;
        } else if (e instanceof InvalidInputException) {
            status = HttpStatus.BAD_REQUEST;
        } else if (e instanceof ForbiddenException) {
            status = HttpStatus.FORBIDDEN;
        }
        return Problems.of(status, e.getMessage(), e.field());
    }

    @ExceptionHandler(SyncTriggerLimiter.RateLimitedException.class)
    ResponseEntity<ProblemDetail> rateLimited(SyncTriggerLimiter.RateLimitedException e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds))
                .body(Problems.of(HttpStatus.TOO_MANY_REQUESTS, e.getMessage(), null));
    }

    @ExceptionHandler(RequestSizeFilter.BodyTooLargeException.class)
    ProblemDetail tooLarge(RequestSizeFilter.BodyTooLargeException e) {
        return Problems.of(HttpStatus.CONTENT_TOO_LARGE, e.getMessage(), "body");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        return mismatch(e.getName(), e.getValue(), e.getRequiredType());
    }

    private static ProblemDetail mismatch(String name, Object value, Class<?> type) {
        String shown = String.valueOf(value);
        if (shown.length() > 100) {
            shown = shown.substring(0, 100) + "...";
        }
        return Problems.of(HttpStatus.BAD_REQUEST, name + " '" + shown + "' is not valid: " + name + " "
                + (type == null ? "has the wrong type" : JsonProblems.expectation(type)), name);
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ProblemDetail concurrentChange(OptimisticLockingFailureException e) {
        return Problems.of(HttpStatus.CONFLICT, "the record was changed by someone else at the same time; retry", null);
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ProblemDetail integrity(DataIntegrityViolationException e) {
        String state = sqlState(e);
        if ("22001".equals(state) || "22021".equals(state)) {
            log.warn("invalid value answered as 400: {}", e.getMostSpecificCause().getMessage());
            return Problems.of(HttpStatus.BAD_REQUEST, "22001".equals(state)
                    ? "a value is longer than the helpdesk stores" : "a value contains characters the database cannot "
                    + "store (NUL)", null);
        }
        log.warn("data integrity violation answered as 409: {}", e.getMostSpecificCause().getMessage());
        return Problems.of(HttpStatus.CONFLICT, "the change conflicts with existing data (a duplicate or a missing reference)",
                null);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestSizeFilter.BodyTooLargeException tooLarge) {
                return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(tooLarge(tooLarge));
            }
        }
        String field = null;
        String detail = "the request body is not valid JSON";
        if (e.getCause() instanceof JacksonException jackson) {
            JsonProblems.Described described = JsonProblems.describe(jackson);
            field = described.field();
            detail = described.detail();
        } else if (e.getMessage() != null && e.getMessage().startsWith("Required request body is missing")) {
            detail = "a request body is required";
        }
        return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, detail, field));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String name = e.getPropertyName() == null ? "value" : e.getPropertyName();
        return ResponseEntity.badRequest().body(mismatch(name, e.getValue(), e.getRequiredType()));
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException e, HttpHeaders headers,
                                                                    HttpStatusCode status, WebRequest request) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Problems.of(HttpStatus.NOT_FOUND,
                "no such route: " + e.getHttpMethod() + " /" + e.getResourcePath(), null));
    }

    @ExceptionHandler(MultipartException.class)
    ProblemDetail multipart(MultipartException e) {
        return Problems.of(HttpStatus.BAD_REQUEST, "the multipart body is malformed; send the CSV as the request body "
                + "with Content-Type text/csv", "body");
    }

    /** Tomcat could not decode a query parameter (percent-encoded bytes that are not UTF-8). */
    @ExceptionHandler(org.apache.tomcat.util.http.InvalidParameterException.class)
    ProblemDetail undecodableParameter(RuntimeException e) {
        return Problems.of(HttpStatus.BAD_REQUEST, "a query parameter is not valid percent-encoded UTF-8", "query");
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(
            org.springframework.web.HttpMediaTypeNotSupportedException e, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        String sent = request.getHeader(HttpHeaders.CONTENT_TYPE);
        String shown = sent == null ? "none" : "'" + (sent.length() > 100 ? sent.substring(0, 100) + "..." : sent) + "'";
        String supported = e.getSupportedMediaTypes().isEmpty() ? "" : "; this route takes " + e.getSupportedMediaTypes()
                .stream().map(Object::toString).collect(Collectors.joining(", "));
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).body(Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "Content-Type " + shown + " is not supported or malformed (an unknown charset?)" + supported,
                "Content-Type"));
    }

    /** Anything not foreseen: a problem detail without internals (the log has them), never Boot's default page. */
    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("request failed", e);
        return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal error; the service log has the details", null);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        var first = e.getBindingResult().getFieldErrors().stream().findFirst();
        String detail = e.getBindingResult().getFieldErrors().stream()
                .map(f -> f.getField() + " " + f.getDefaultMessage()).collect(Collectors.joining("; "));
        return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, detail,
                first.map(f -> f.getField()).orElse(null)));
    }

    /** The SQLSTATE of the first SQLException in the chain (22001: value too long, 22021: bad character). */
    private static String sqlState(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
