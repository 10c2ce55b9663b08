package io.entrasync.problem;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * An RFC 9457 problem written straight to a servlet response, for answers given before Spring MVC's exception
 * handling is reached (security refusals, the request size limit, Tomcat's own error page). The body has the shape
 * of the API's other problems: {@code type}, {@code title}, {@code status}, {@code detail}, then {@code field} and
 * {@code instance} when known.
 */
public final class ProblemResponse {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemResponse() {
    }

    /** Sets the status and content type and writes the body; the title is the status's reason phrase. */
    public static void write(HttpServletResponse response, HttpStatus status, String detail, String field,
                             String instance) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write(json(status.value(), status.getReasonPhrase(), detail, field, instance));
    }

    /** The body alone; {@code field} and {@code instance} are left out when null. */
    public static String json(int status, String title, String detail, String field, String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        if (field != null) {
            body.put("field", field);
        }
        if (instance != null) {
            body.put("instance", instance);
        }
        return JSON.writeValueAsString(body);
    }
}
