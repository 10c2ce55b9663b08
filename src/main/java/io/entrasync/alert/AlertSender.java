package io.entrasync.alert;

/** Sends an alert through one channel. */
interface AlertSender {

    Channel channel();

    /**
     * Delivers {@code alert} once. Throws {@link DeliveryException} with a message fit for logs and the page (never
     * a secret such as the webhook's URL) when the receiver did not take it.
     */
    void send(Alert alert);

    /** A failed delivery; its message is safe to log and show. */
    final class DeliveryException extends RuntimeException {
        DeliveryException(String message) {
            super(message);
        }
    }
}
