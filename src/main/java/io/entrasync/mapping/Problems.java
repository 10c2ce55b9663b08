package io.entrasync.mapping;

import io.entrasync.mapping.YamlTree.Location;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the errors of one file, in the order found. */
final class Problems {

    private final String file;
    private final List<MappingError> errors = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    void add(Location location, String key, String message) {
        errors.add(new MappingError(file, location.line(), location.column(), key, message));
    }

    boolean any() {
        return !errors.isEmpty();
    }

    /** The errors sorted by position. */
    List<MappingError> errors() {
        return errors.stream()
                .sorted(Comparator.comparingInt(MappingError::line).thenComparingInt(MappingError::column))
                .toList();
    }
}
