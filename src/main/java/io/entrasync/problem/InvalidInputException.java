package io.entrasync.problem;

/** The request itself is wrong: a missing or malformed field (400). */
public class InvalidInputException extends ProblemException {

    public InvalidInputException(String field, String message) {
        super(field, message);
    }
}
