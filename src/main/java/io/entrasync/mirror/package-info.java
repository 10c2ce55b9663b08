/**
 * The local mirror of each tenant's remote directory as last seen: users, groups, memberships (nested groups
 * included) and the delta links to resume from. {@link io.entrasync.mirror.DirectoryMirror} applies the pages a
 * {@link io.entrasync.source.DirectorySource} produces, idempotently and in batches, and answers the questions
 * the sync needs without calling the directory again: transitive group membership (computed locally,
 * cycle-safe), email claimants, users not seen by a full enumeration.
 *
 * <p>Written with plain JDBC (batched), on PostgreSQL and on H2 in PostgreSQL mode. Every method runs in the
 * caller's transaction; none opens its own.
 */
package io.entrasync.mirror;
