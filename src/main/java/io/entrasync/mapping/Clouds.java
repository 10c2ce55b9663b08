package io.entrasync.mapping;

import io.entrasync.source.TenantConnection.Cloud;
import java.util.List;
import java.util.Locale;

/** The mapping files' names for {@link Cloud}: lower case, dash for underscore. */
final class Clouds {

    static final List<String> NAMES = List.of("global", "usgov", "usgov-dod", "china", "custom");

    private Clouds() {
    }

    static String name(Cloud cloud) {
        return cloud.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The cloud named {@code name}, or null. */
    static Cloud byName(String name) {
        for (Cloud cloud : Cloud.values()) {
            if (name(cloud).equals(name.toLowerCase(Locale.ROOT))) {
                return cloud;
            }
        }
        return null;
    }
}
