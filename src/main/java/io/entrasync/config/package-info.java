/** Service-wide configuration properties. */
package io.entrasync.config;
