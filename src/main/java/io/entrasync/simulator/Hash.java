package io.entrasync.simulator;

/** Deterministic pseudo-random picks derived from a seed and a few integers (murmur3's 64-bit finaliser). */
final class Hash {

    private Hash() {
    }

    static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    /** A value in {@code [0, bound)} for (seed, object index, edit generation, attribute). */
    static int pick(long seed, int index, int generation, int field, int bound) {
        long h = mix(seed ^ (index * 0x9E3779B97F4A7C15L) ^ ((long) generation << 40) ^ (field * 0xD1B54A32D192ED03L));
        return (int) Long.remainderUnsigned(h, bound);
    }
}
