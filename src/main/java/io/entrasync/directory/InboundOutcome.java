package io.entrasync.directory;

/**
 * What became of one inbound message. Every message gets one; none is dropped. {@link #UNASSIGNED} is the only
 * one that can still change: an admin assigns the message to a site, and it is then handled like a new one.
 */
public enum InboundOutcome {
    /** A ticket was opened (for a known sender, or for the account created from the message). */
    TICKET_OPENED,
    /** A bounce or an auto-reply: no account, no ticket (answering would start a mail loop). */
    AUTOMATED,
    /** The sender's account is deactivated. */
    DEACTIVATED_SENDER,
    /** The sender's automatic tickets are disabled. */
    AUTO_TICKETS_OFF,
    /** The sender's site takes tickets from its main user only, and the sender is not that user. */
    NOT_MAIN_USER,
    /** Unknown sender while automatic account creation from email is off. */
    UNKNOWN_SENDER,
    /** Unknown sender whose domain no site lists, with no default site: waits for an admin to assign a site. */
    UNASSIGNED,
    /** The subject is longer than tickets take ({@link Ticket#MAX_SUBJECT}); kept whole here, no ticket. */
    SUBJECT_TOO_LONG,
    /** {@code from} holds no valid address (the request is answered 400, the message is kept all the same). */
    INVALID_SENDER
}
