/**
 * The reconcile core: compares desired accounts with local ones and plans a set of changes. Plain Java only
 * (enforced by an ArchUnit test): no Spring, JPA, Quartz, MSAL or Graph SDK types, so it stays testable with
 * in-memory values.
 *
 * <p>Use per chunk of a run: fill a {@link io.entrasync.reconcile.LocalAccounts} (for example
 * {@link io.entrasync.reconcile.InMemoryLocalAccounts}) with the accounts the chunk may touch (by the chunk's
 * external ids and emails), build {@link io.entrasync.reconcile.EmailClaims} from the tenant's mirror, call
 * {@link io.entrasync.reconcile.Reconciler#planAll}, add the chunks' deactivations up and ask
 * {@link io.entrasync.reconcile.DeletionGuard} before applying anything; count what was applied with
 * {@link io.entrasync.reconcile.RunCounts.Accumulator}.
 *
 * <p>Rules in short: hard match on (tenant, externalId); otherwise soft match by email to an unlinked account
 * (link, never merge); an email used by an account linked elsewhere is never taken; an email claimed by two or
 * more directory users creates or links nothing; removal means deactivation, and only of an active, strong
 * account linked to that very user of that tenant.
 */
package io.entrasync.reconcile;
