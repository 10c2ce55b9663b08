package io.entrasync.graph;

import java.util.Set;
import okhttp3.ResponseBody;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/** Reads Graph's error code ({@code {"error":{"code":...}}}) and classifies answers by status and code only. */
final class GraphErrors {

    /**
     * Error codes meaning "the delta state is gone, enumerate again", lower-cased: Graph spells them
     * {@code syncStateNotFound} in its docs and {@code SyncStateNotFound} in some answers.
     */
    static final Set<String> RESYNC_CODES = Set.of("syncstatenotfound", "resyncrequired", "syncstateinvalid");

    private static final JsonFactory JSON = new JsonFactory();

    private GraphErrors() {
    }

    static boolean isThrottledOrUnavailable(int status) {
        return status == 429 || status == 503 || status == 504;
    }

    static boolean isResync(int status, String code) {
        return status == 410 || (code != null && RESYNC_CODES.contains(code.toLowerCase(java.util.Locale.ROOT)));
    }

    /** Graph's {@code error.code}, or null when the body is not a Graph error. Never throws. */
    static String code(ResponseBody body) {
        if (body == null) {
            return null;
        }
        try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), body.byteStream())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("error".equals(name) && value == JsonToken.START_OBJECT) {
                    return errorCode(parser);
                }
                parser.skipChildren();
            }
            return null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String errorCode(JsonParser parser) {
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("code".equals(name) && value == JsonToken.VALUE_STRING) {
                return parser.getString();
            }
            parser.skipChildren();
        }
        return null;
    }
}
