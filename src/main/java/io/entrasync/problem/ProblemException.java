package io.entrasync.problem;

/**
 * An error meant for the API caller: its message is the problem's {@code detail}, {@code field} (nullable)
 * names the offending input.
 */
public abstract class ProblemException extends RuntimeException {

    private final String field;

    protected ProblemException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The request field the problem is about, or null. */
    public String field() {
        return field;
    }
}
