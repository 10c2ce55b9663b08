package io.entrasync.mapping;

import java.util.Map;

/**
 * {@code departments:} which attribute names the user's department.
 *
 * @param attribute     default {@code department}
 * @param map           renames values (keys compared case-insensitively); values without an entry pass unchanged
 * @param createMissing true (default): a department that does not exist yet is created by the sync; false: the
 *                      user gets no department instead
 */
public record DepartmentRule(String attribute, Map<String, String> map, boolean createMissing) {

    public DepartmentRule {
        map = Map.copyOf(map);
    }
}
