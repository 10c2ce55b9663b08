package io.entrasync.notify;

/**
 * What Graph's lifecycle notifications ask of the subscription manager. Called from the webhook, so an implementation
 * must be quick or hand the work to another thread (Graph wants an answer within 3 seconds).
 */
interface SubscriptionLifecycle {

    /** {@code reauthorizationRequired}: renew the subscription (a renewal reauthorizes it) soon. */
    void reauthorize(Subscription subscription);

    /** {@code subscriptionRemoved}: Graph dropped it; create a new one soon. */
    void recreate(Subscription subscription);
}
