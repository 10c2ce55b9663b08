/**
 * The Microsoft Graph adapter behind {@link io.entrasync.source.DirectorySource}: app-only tokens from Entra ID
 * (MSAL4J client credentials, one application object per tenant), a Graph SDK client per tenant on the tenant's
 * cloud, {@code users/delta} and {@code groups/delta} paging with a streaming parse, and bounded, counted retries
 * for throttling and transient faults. Graph SDK, Kiota and MSAL types never leave this package.
 */
package io.entrasync.graph;
