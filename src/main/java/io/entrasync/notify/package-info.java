/**
 * Microsoft Graph change notifications: the webhook that receives them (deployment key, validation handshake, checks
 * item by item, stored before the answer and processed after it by the {@code NotificationProcessor}), the coalescing of a burst into one NOTIFIED delta run of the tenant's Quartz job, and the state of each tenant's
 * subscriptions. The delta query stays the source of truth: a notification only says "run a delta now"; its content
 * is never applied, so a lost notification costs latency (the scheduled delta catches up), never data.
 */
package io.entrasync.notify;
