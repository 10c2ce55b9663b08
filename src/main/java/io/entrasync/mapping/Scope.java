package io.entrasync.mapping;

import java.util.List;

/**
 * Which directory users the helpdesk gets.
 *
 * @param groups          group display names or object ids; a user is in scope when a (transitive) member of any;
 *                        empty means everyone
 * @param includeGuests   false (default): guests (userType Guest or #EXT# UPN) are out of scope
 * @param includeDisabled false (default): users with accountEnabled=false are out of scope
 * @param filters         all must match
 */
public record Scope(List<String> groups, boolean includeGuests, boolean includeDisabled, List<AttributeFilter> filters) {

    public static final Scope EVERYONE = new Scope(List.of(), false, false, List.of());

    public Scope {
        groups = List.copyOf(groups);
        filters = List.copyOf(filters);
    }
}
