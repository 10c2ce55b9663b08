package io.entrasync.directory;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes RFC 2047 encoded words in a header value ({@code =?UTF-8?B?...?=}, {@code =?ISO-8859-1?Q?M=FCller?=}),
 * as mail clients write non-ASCII display names. Whitespace between two adjacent encoded words is dropped, as the
 * RFC says. A word with an unknown charset or broken encoding is kept as it arrived. (The project has no mail
 * library; this is the part of one the intake needs.)
 */
final class MimeWords {

    private static final Pattern WORD = Pattern.compile("=\\?([^?\\s]+)\\?([BbQq])\\?([^?\\s]*)\\?=");
    private static final Pattern BETWEEN_WORDS = Pattern.compile("(\\?=)\\s+(=\\?)");

    private MimeWords() {
    }

    static String decode(String value) {
        if (value == null || !value.contains("=?")) {
            return value;
        }
        Matcher matcher = WORD.matcher(BETWEEN_WORDS.matcher(value).replaceAll("$1$2"));
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(word(matcher.group(0), matcher.group(1),
                    matcher.group(2), matcher.group(3))));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String word(String whole, String charsetName, String encoding, String text) {
        try {
            // RFC 2231 allows a language after '*': =?UTF-8*de?Q?...?=
            Charset charset = Charset.forName(charsetName.split("\\*")[0]);
            byte[] bytes = encoding.equalsIgnoreCase("B") ? Base64.getDecoder().decode(text) : quoted(text);
            return new String(bytes, charset);
        } catch (IllegalArgumentException unknownOrBroken) {
            return whole;
        }
    }

    /** The "Q" encoding: {@code _} is a space, {@code =XX} a byte. */
    private static byte[] quoted(String text) {
        byte[] ascii = text.getBytes(StandardCharsets.US_ASCII);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(ascii.length);
        for (int i = 0; i < ascii.length; i++) {
            if (ascii[i] == '_') {
                out.write(' ');
            } else if (ascii[i] == '=' && i + 2 < ascii.length) {
                out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else if (ascii[i] == '=') {
                throw new IllegalArgumentException("truncated =XX");
            } else {
                out.write(ascii[i]);
            }
        }
        return out.toByteArray();
    }
}
