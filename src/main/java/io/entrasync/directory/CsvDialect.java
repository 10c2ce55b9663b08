package io.entrasync.directory;

import io.entrasync.problem.InvalidInputException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;

/**
 * How a CSV file was written, as Excel writes it: the charset ({@code charset=} of the Content-Type, else UTF-8
 * with or without BOM when the first 64 KiB are valid UTF-8, else Windows-1252) and the delimiter ({@code ;}, Excel's
 * default where the decimal separator is a comma, or {@code ,}; whichever occurs more often outside quotes in the
 * header line).
 *
 * @param encoding  what the import report says was used, e.g. "UTF-8 (BOM)", "windows-1252 (detected)"
 * @param delimiter the cell separator
 */
record CsvDialect(Charset charset, String encoding, char delimiter) {

    static final int SAMPLE = 64 * 1024;
    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /** A body ready to parse: the reader starts after any BOM. */
    record Opened(Reader reader, CsvDialect dialect) {
    }

    static Opened open(InputStream body, String contentType) throws IOException {
        BufferedInputStream in = new BufferedInputStream(body, SAMPLE + 4);
        in.mark(SAMPLE + 4);
        byte[] sample = in.readNBytes(SAMPLE);
        boolean complete = in.read() < 0;
        in.reset();
        Charset declared = declared(contentType);
        Charset charset;
        String encoding;
        boolean bom = sample.length >= 3 && (sample[0] & 0xFF) == 0xEF && (sample[1] & 0xFF) == 0xBB
                && (sample[2] & 0xFF) == 0xBF;
        if (declared != null) {
            charset = declared;
            encoding = declared.name() + " (from Content-Type)";
        } else if (bom) {
            charset = StandardCharsets.UTF_8;
            encoding = "UTF-8 (BOM)";
        } else if (isUtf8(sample, complete)) {
            charset = StandardCharsets.UTF_8;
            encoding = "UTF-8";
        } else {
            charset = WINDOWS_1252;
            encoding = "windows-1252 (detected: not valid UTF-8)";
        }
        if (bom && charset.equals(StandardCharsets.UTF_8)) {
            in.skipNBytes(3);
        }
        String text = new String(sample, charset);
        char delimiter = delimiter(text.startsWith("\uFEFF") ? text.substring(1) : text);
        return new Opened(new InputStreamReader(in, charset), new CsvDialect(charset, encoding, delimiter));
    }

    private static Charset declared(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String parameter : contentType.split(";")) {
            String[] pair = parameter.trim().split("=", 2);
            if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("charset")) {
                String name = pair[1].trim().replace("\"", "");
                try {
                    return Charset.forName(name);
                } catch (IllegalCharsetNameException | UnsupportedCharsetException unknown) {
                    throw new InvalidInputException("charset", "charset '" + name + "' in the Content-Type is not "
                            + "known; use UTF-8 or windows-1252, or leave it out to have it detected");
                }
            }
        }
        return null;
    }

    /** Valid UTF-8; a multi-byte character cut by the end of an incomplete sample does not count against it. */
    private static boolean isUtf8(byte[] sample, boolean complete) {
        int length = sample.length;
        if (!complete) {
            int back = 0;
            while (back < 3 && length - back - 1 >= 0 && (sample[length - back - 1] & 0xC0) == 0x80) {
                back++;
            }
            if (length - back - 1 >= 0 && (sample[length - back - 1] & 0xC0) == 0xC0) {
                length = length - back - 1;
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            decoder.decode(ByteBuffer.wrap(sample, 0, length));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** {@code ;} when the header line has more semicolons than commas outside quotes, else {@code ,}. */
    static char delimiter(String text) {
        int semicolons = 0;
        int commas = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted && c == ';') {
                semicolons++;
            } else if (!quoted && c == ',') {
                commas++;
            }
        }
        return semicolons > commas ? ';' : ',';
    }
}
