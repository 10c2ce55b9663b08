package io.entrasync.graph;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The {@code $select} list a deltaLink was made with. Graph encodes the selected properties in the delta token and
 * keeps serving them from a stored deltaLink, so a release that selects another property would never see it. The
 * links we hand out carry a fingerprint of the list as their URL fragment ({@code #select=<12 hex digits>}; a
 * fragment is never sent to the server); a stored link whose fingerprint differs, or that has none (stored before
 * fingerprints existed), is not used: the read starts from scratch instead.
 */
final class SelectFingerprint {

    private static final String MARK = "#select=";

    private final String value;

    SelectFingerprint(String select) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(select.getBytes(StandardCharsets.UTF_8));
            this.value = HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The link to store: Graph's deltaLink with this fingerprint as its fragment. */
    String tag(String deltaLink) {
        return strip(deltaLink) + MARK + value;
    }

    /** Whether a stored link was made with this {@code $select} list. */
    boolean matches(String storedLink) {
        int at = storedLink.lastIndexOf(MARK);
        return at >= 0 && storedLink.substring(at + MARK.length()).equals(value);
    }

    /** The stored link as Graph handed it out. */
    static String strip(String storedLink) {
        int at = storedLink.indexOf('#');
        return at < 0 ? storedLink : storedLink.substring(0, at);
    }

    @Override
    public String toString() {
        return value;
    }
}
