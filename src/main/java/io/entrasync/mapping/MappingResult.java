package io.entrasync.mapping;

/** What {@link MappingEngine#evaluate} decided for one directory user. */
public sealed interface MappingResult {

    /** Always set: which rules decided. */
    Explanation why();

    /** The user belongs in the helpdesk as {@code account}. */
    record InScope(DesiredAccount account, Explanation why) implements MappingResult { }

    /**
     * The user is not to be synced (not in a scope group, guest, disabled, filtered out); an existing account
     * should be deactivated.
     */
    record OutOfScope(String reason, Explanation why) implements MappingResult { }

    /** The user is in scope but cannot be placed (no usable email, no site rule matched): reported, not synced. */
    record Unmapped(String reason, Explanation why) implements MappingResult { }
}
