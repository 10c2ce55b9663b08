package io.entrasync.bench;

import tools.jackson.databind.json.JsonMapper;

/** One-line JSON for the RESULT line. */
final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }
}
