/**
 * The local helpdesk directory: sites (customers), departments, end users and their tickets, plus the ways
 * accounts appear outside a directory sync (manual creation, inbound email, CSV import). Tickets are never
 * changed or deleted by anything in this package except their creation.
 */
package io.entrasync.directory;
