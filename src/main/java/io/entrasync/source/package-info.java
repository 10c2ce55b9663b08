/**
 * The port between a remote directory (Microsoft Graph) and the rest of the service: plain records for users,
 * groups, membership changes and removals, and the {@link io.entrasync.source.DirectorySource} contract.
 * Nothing here knows the Graph SDK; the {@code graph} package implements the port, the {@code mirror} and
 * {@code sync} packages consume it.
 */
package io.entrasync.source;
