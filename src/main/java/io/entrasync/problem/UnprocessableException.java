package io.entrasync.problem;

/** The request is well-formed but what it names cannot be used as it is, e.g. a tenant with a broken mapping (422). */
public class UnprocessableException extends ProblemException {

    public UnprocessableException(String field, String message) {
        super(field, message);
    }
}
