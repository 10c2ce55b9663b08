/**
 * Tenant mapping files: {@code <name>.yaml} per tenant, parsed into {@link io.entrasync.mapping.TenantMapping}
 * records with every error located by file, line, column and key ({@link io.entrasync.mapping.MappingError}), and
 * the {@link io.entrasync.mapping.MappingEngine} that turns one directory user plus its transitive groups into the
 * helpdesk account it should have ({@link io.entrasync.mapping.MappingResult}).
 *
 * <p>Everything here is plain Java (plus Jackson's YAML parser and Quartz's cron parser in the loader) except
 * {@link io.entrasync.mapping.MappingRegistry}, the one Spring component, which watches the mappings directory.
 */
package io.entrasync.mapping;
