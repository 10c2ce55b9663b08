/** REST controllers, authentication of the admin API and the mapping of errors to RFC 9457 problem details. */
package io.entrasync.web;
