package io.entrasync.mapping;

import java.util.List;

/**
 * A set of groups (display names or object ids) marking users for something: main site user candidates
 * ({@code mainSiteUsers}) or users without automatic tickets ({@code tickets}).
 *
 * @param groups never empty
 */
public record GroupRule(List<String> groups) {

    public GroupRule {
        groups = List.copyOf(groups);
    }
}
