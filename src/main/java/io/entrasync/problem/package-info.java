/**
 * Exceptions the service's features raise for an admin to read; the web layer turns each into an RFC 9457
 * problem detail (404, 409, 400) that names the offending field.
 */
package io.entrasync.problem;
