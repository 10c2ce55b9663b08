package io.entrasync.simulator;

import java.util.UUID;

/**
 * Object ids that look like Entra's GUIDs but are computed from a per-tenant salt and the object's index, so
 * nothing stores them: {@code id -> index} is decoded (and verified) instead of looked up.
 */
final class ObjectIds {

    private final long salt;

    ObjectIds(long salt) {
        this.salt = salt;
    }

    String id(int index) {
        long msb = (Hash.mix(salt + index) & ~0xF000L) | 0x4000L;
        long lsb = Long.MIN_VALUE | (Hash.mix(msb) & 0x3FFFFFFF00000000L) | ((index ^ (int) salt) & 0xFFFFFFFFL);
        return new UUID(msb, lsb).toString();
    }

    /** The index an id encodes, or -1 when it is not one of this tenant's ids. */
    int index(String id) {
        if (id == null || id.length() != 36) {
            return -1;
        }
        try {
            UUID uuid = UUID.fromString(id);
            int index = (int) (uuid.getLeastSignificantBits() ^ (int) salt);
            return index >= 0 && id(index).equalsIgnoreCase(id) ? index : -1;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }
}
