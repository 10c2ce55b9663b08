package io.entrasync.simulator;

import java.util.Arrays;

/** A growable {@code int[]}; the sorted operations keep it ascending (used for group member keys). */
final class IntList {

    private int[] values;
    private int size;

    IntList(int capacity) {
        values = new int[Math.max(4, capacity)];
    }

    int size() {
        return size;
    }

    int get(int index) {
        return values[index];
    }

    void add(int value) {
        grow();
        values[size++] = value;
    }

    /** Sorts the list once after unsorted {@link #add}s. */
    void sort() {
        Arrays.sort(values, 0, size);
    }

    boolean containsSorted(int value) {
        return Arrays.binarySearch(values, 0, size, value) >= 0;
    }

    /** Inserts in order; false if already present. */
    boolean addSorted(int value) {
        int at = Arrays.binarySearch(values, 0, size, value);
        if (at >= 0) {
            return false;
        }
        at = -at - 1;
        grow();
        System.arraycopy(values, at, values, at + 1, size - at);
        values[at] = value;
        size++;
        return true;
    }

    /** Removes from a sorted list; false if absent. */
    boolean removeSorted(int value) {
        int at = Arrays.binarySearch(values, 0, size, value);
        if (at < 0) {
            return false;
        }
        System.arraycopy(values, at + 1, values, at, size - at - 1);
        size--;
        return true;
    }

    /** Position of the first value greater than {@code key} in a sorted list. */
    int firstAfter(int key) {
        int at = Arrays.binarySearch(values, 0, size, key);
        return at >= 0 ? at + 1 : -at - 1;
    }

    void trimToSize() {
        if (values.length > size + 4) {
            values = Arrays.copyOf(values, Math.max(4, size));
        }
    }

    private void grow() {
        if (size == values.length) {
            values = Arrays.copyOf(values, values.length + (values.length >> 1) + 1);
        }
    }
}
