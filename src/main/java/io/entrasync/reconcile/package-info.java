/**
 * The reconcile core: compares desired accounts with local ones and plans a set of changes. Plain Java only
 * (enforced by an ArchUnit test): no Spring, JPA, Quartz, MSAL or Graph SDK types, so it stays testable with
 * in-memory values.
 */
package io.entrasync.reconcile;
