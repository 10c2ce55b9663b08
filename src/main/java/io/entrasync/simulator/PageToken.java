package io.entrasync.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The state behind an opaque {@code $skiptoken} (a page in the middle of a round) or {@code $deltatoken} (the end
 * of a round). Base64url text; not signed: a forged token only reads the same tenant's directory, which the
 * bearer token already allows.
 *
 * @param resource  {@code users} or {@code groups}
 * @param since     changes after this version; -1 for a full enumeration
 * @param snapshot  the version the round started at; its deltaLink resumes from here
 * @param position  the next user index, or the group index being listed
 * @param afterKey  within a group: the last member key already sent, -1 for none
 * @param pageSize  items per page for this round
 */
record PageToken(String resource, String tenantId, int epoch, int since, int snapshot, int position, int afterKey,
        int pageSize) {

    private static final String PREFIX = "sim1";

    String encode() {
        String raw = String.join("|", PREFIX, resource, tenantId, Integer.toString(epoch), Integer.toString(since),
                Integer.toString(snapshot), Integer.toString(position), Integer.toString(afterKey),
                Integer.toString(pageSize));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The token's state, or null when the text is not a token of this simulator. */
    static PageToken decode(String token) {
        if (token == null || token.isEmpty() || token.length() > 512) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|", -1);
            if (parts.length != 9 || !PREFIX.equals(parts[0])) {
                return null;
            }
            return new PageToken(parts[1], parts[2], Integer.parseInt(parts[3]), Integer.parseInt(parts[4]),
                    Integer.parseInt(parts[5]), Integer.parseInt(parts[6]), Integer.parseInt(parts[7]),
                    Integer.parseInt(parts[8]));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The first page of the round that continues after this (final) token. */
    PageToken nextRound(int currentVersion, int newPageSize) {
        return new PageToken(resource, tenantId, epoch, snapshot, currentVersion, 0, -1, newPageSize);
    }
}
