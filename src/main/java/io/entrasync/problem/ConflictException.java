package io.entrasync.problem;

/** The request contradicts the current state: a duplicate, a deactivated user, a run in progress (409). */
public class ConflictException extends ProblemException {

    public ConflictException(String field, String message) {
        super(field, message);
    }
}
