package io.entrasync.problem;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * An RFC 9457 problem written straight to a servlet response, for answers given before Spring MVC's exception
 * handling is reached (security refusals, the request size limit, Tomcat's own error page). The body has the shape
 * of the API's other problems: {@code type}, {@code title}, {@code status}, {@code detail}, then {@code field} and
 * {@code instance} when known.
 */
public final class ProblemResponse {

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
        StringBuilder body = new StringBuilder(128).append("{\"type\":\"about:blank\",\"title\":\"");
        escape(title, body).append("\",\"status\":").append(status).append(",\"detail\":\"");
        escape(detail, body).append('"');
        if (field != null) {
            escape(field, body.append(",\"field\":\"")).append('"');
        }
        if (instance != null) {
            escape(instance, body.append(",\"instance\":\"")).append('"');
        }
        return body.append('}').toString();
    }

    private static StringBuilder escape(String text, StringBuilder out) {
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out;
    }
}
