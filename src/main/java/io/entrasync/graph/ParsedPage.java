package io.entrasync.graph;

/**
 * One parsed delta page with its continuation: exactly one of the links is set on a well-formed page.
 *
 * @param page      the port's page value
 * @param nextLink  {@code @odata.nextLink}, or null on the last page
 * @param deltaLink {@code @odata.deltaLink}, set only on the last page
 */
record ParsedPage<P>(P page, String nextLink, String deltaLink) {
}
