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
        // a value merged in from a template is reported where it was written
        errors.add(new MappingError(location.file() == null ? file : location.file(), location.line(),
                location.column(), key, message));
    }

    /** Errors found once for a file shared by several (a template's, parsed once per change). */
    void addAll(List<MappingError> found) {
        errors.addAll(found);
    }

    boolean any() {
        return !errors.isEmpty();
    }

    /** The errors sorted by position: the file's own first, then those in a template it extends. */
    List<MappingError> errors() {
        return errors.stream()
                .sorted(Comparator.comparing((MappingError e) -> !e.file().equals(file))
                        .thenComparingInt(MappingError::line).thenComparingInt(MappingError::column))
                .toList();
    }
}
