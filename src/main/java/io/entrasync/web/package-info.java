/** REST controllers, the security filter chain (who may call what is decided in {@code auth}) and the mapping of
 * errors to RFC 9457 problem details. */
package io.entrasync.web;
