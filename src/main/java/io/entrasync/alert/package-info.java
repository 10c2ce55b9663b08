/**
 * Alerts when a tenant needs a person. A clustered Quartz job ({@link io.entrasync.alert.AlertJob}, one replica at a
 * time) reads every tenant's facts (holds, failure streaks, mapping validity, notification state), evaluates them to
 * the set of open {@link io.entrasync.alert.TenantCondition}s with the pure {@link io.entrasync.alert.ConditionRules}
 * (which asks the fleet view's one definition of each shared state, {@link io.entrasync.fleet.TenantConditions#in}),
 * compares that with the conditions stored in {@code alert_condition}, and queues one alert per change (opened or
 * resolved) with one outbox row per configured channel, in the same transaction. The same job delivers due outbox
 * rows (webhook, e-mail), retrying with backoff. Every replica also publishes each tenant's state as Prometheus
 * gauges.
 */
package io.entrasync.alert;
