package io.entrasync.problem;

/**
 * The caller may call the route but not make this particular decision: e.g. the admin token approving a plan that
 * needs the approval of several people (403).
 */
public class ForbiddenException extends ProblemException {

    public ForbiddenException(String field, String message) {
        super(field, message);
    }
}
