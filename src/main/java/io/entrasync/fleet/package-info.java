/**
 * The fleet of tenants as a whole: when a tenant needs attention ({@link io.entrasync.fleet.TenantState}), judged
 * from facts read fleet-wide. {@code GET /api/tenants} (web) filters, sorts and pages by these states.
 */
package io.entrasync.fleet;
