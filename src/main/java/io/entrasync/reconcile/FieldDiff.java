package io.entrasync.reconcile;

import java.util.Objects;

/**
 * One field's planned change. Values are text (flags {@code "true"}/{@code "false"}); null means blank.
 *
 * @param field never null
 */
public record FieldDiff(Field field, String before, String after) {

    public FieldDiff {
        Objects.requireNonNull(field, "field");
    }
}
