package io.entrasync.problem;

/**
 * The one rule for the parameters of every list the API pages ({@code page} and {@code size}) or bounds
 * ({@code limit}): a value out of range is a 400 naming the parameter, never quietly changed. A client that asked for
 * 1,000 entries and got 500 could take the list for ended, or skip entries paging on with its own size.
 */
public final class Paging {

    /** The largest {@code size} (or {@code limit}) of most lists. */
    public static final int MAX_SIZE = 500;

    private Paging() {
    }

    /** {@code value} of the parameter {@code field} ({@code size}, {@code limit}) when between 1 and {@code max}. */
    public static int size(String field, int value, int max) {
        if (value < 1 || value > max) {
            throw new InvalidInputException(field, field + " must be between 1 and " + max + ", was " + value);
        }
        return value;
    }

    /** {@code page} (from 0) when its first entry ({@code page × size}) is a position a list can have. */
    public static int page(int page, int size) {
        if (page < 0) {
            throw new InvalidInputException("page", "page must be 0 or more, was " + page);
        }
        if ((long) page * size > Integer.MAX_VALUE) {
            throw new InvalidInputException("page", "page " + page + " is beyond any list: page × size must stay "
                    + "below " + Integer.MAX_VALUE);
        }
        return page;
    }
}
