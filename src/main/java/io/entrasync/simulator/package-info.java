/**
 * A Microsoft Graph and Entra ID token endpoint simulator for the zero-setup demo, the benchmark and tests: the
 * JDK's HTTPS server with a demo-only self-signed certificate, many tenants with generated, deterministic
 * directories (users, nested groups, guests, disabled accounts), {@code users/delta} and {@code groups/delta} with
 * real paging and exact deltas between versions, and changes applied on demand or as a scheduled drift.
 * {@link io.entrasync.simulator.GraphSimulator} is the entry point; {@code SimulatorConfiguration} wires it into
 * the application when {@code entra-sync.simulator.enabled=true}.
 */
package io.entrasync.simulator;
