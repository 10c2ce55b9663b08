package io.entrasync.problem;

/** Something named by the caller does not exist (404). */
public class NotFoundException extends ProblemException {

    public NotFoundException(String field, String message) {
        super(field, message);
    }
}
