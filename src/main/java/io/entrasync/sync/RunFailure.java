package io.entrasync.sync;

/** A run that cannot go on, with a message meant for the admin (no stack trace needed). */
class RunFailure extends RuntimeException {

    RunFailure(String message) {
        super(message);
    }
}
