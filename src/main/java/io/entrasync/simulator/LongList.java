package io.entrasync.simulator;

import java.util.Arrays;

/** A growable {@code long[]} (a group's membership event log). */
final class LongList {

    private long[] values = new long[4];
    private int size;

    int size() {
        return size;
    }

    long get(int index) {
        return values[index];
    }

    void add(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        values[size++] = value;
    }

    /** Drops the first {@code count} values. */
    void dropFirst(int count) {
        System.arraycopy(values, count, values, 0, size - count);
        size -= count;
    }
}
