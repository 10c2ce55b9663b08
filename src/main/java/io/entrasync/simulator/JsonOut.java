package io.entrasync.simulator;

import java.nio.charset.StandardCharsets;

/** A minimal streaming JSON writer into a {@link StringBuilder}; commas are placed automatically. */
final class JsonOut {

    private final StringBuilder out;
    private final boolean[] needsComma = new boolean[16];
    private int depth;
    private boolean afterName;

    JsonOut(int capacity) {
        out = new StringBuilder(capacity);
    }

    JsonOut beginObject() {
        separate();
        out.append('{');
        needsComma[++depth] = false;
        return this;
    }

    JsonOut endObject() {
        depth--;
        out.append('}');
        return this;
    }

    JsonOut beginArray() {
        separate();
        out.append('[');
        needsComma[++depth] = false;
        return this;
    }

    JsonOut endArray() {
        depth--;
        out.append(']');
        return this;
    }

    JsonOut name(String name) {
        separate();
        string(name);
        out.append(':');
        afterName = true;
        return this;
    }

    JsonOut value(String value) {
        separate();
        if (value == null) {
            out.append("null");
        } else {
            string(value);
        }
        return this;
    }

    JsonOut value(boolean value) {
        separate();
        out.append(value);
        return this;
    }

    JsonOut value(long value) {
        separate();
        out.append(value);
        return this;
    }

    JsonOut field(String name, String value) {
        return name(name).value(value);
    }

    byte[] bytes() {
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private void separate() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (needsComma[depth]) {
            out.append(',');
        }
        needsComma[depth] = true;
    }

    private void string(String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
