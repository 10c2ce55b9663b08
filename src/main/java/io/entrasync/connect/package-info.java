/**
 * Connecting a customer tenant in one step: {@code POST /api/tenants/connect} starts a request and answers the
 * Microsoft identity platform's admin-consent URL for the MSP's multi-tenant app; the admin's browser comes back to
 * {@code GET /connect/callback}, where the single-use state authorizes the call, the consent is proven (a token for
 * the tenant id and its {@code GET /organization}), the connection is checked and the five-line tenant file
 * {@code mappings/<tenant>.yaml} is written (or shown, when the mappings directory is read-only). The group picker
 * then searches the tenant's groups and rewrites the file's scope and site rules.
 */
package io.entrasync.connect;
