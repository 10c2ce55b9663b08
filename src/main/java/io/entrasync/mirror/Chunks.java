package io.entrasync.mirror;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Splits id lists for {@code IN (...)} queries so no statement carries more than {@link #SIZE} parameters. */
final class Chunks {

    static final int SIZE = 1000;

    private Chunks() {
    }

    static <T> List<List<T>> of(Collection<T> values) {
        List<T> all = values instanceof List<T> list ? list : new ArrayList<>(values);
        List<List<T>> chunks = new ArrayList<>((all.size() + SIZE - 1) / SIZE);
        for (int from = 0; from < all.size(); from += SIZE) {
            chunks.add(all.subList(from, Math.min(all.size(), from + SIZE)));
        }
        return chunks;
    }
}
