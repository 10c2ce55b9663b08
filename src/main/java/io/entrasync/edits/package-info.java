/**
 * What an edit changed, as plain values: {@link io.entrasync.edits.FieldChange} and the
 * {@link io.entrasync.edits.EntityEdited} event a service publishes after changing an entity. Neutral ground, so the
 * services that edit ({@code directory}) and the audit trail that records ({@code auth}) need not know each other.
 * Plain Java: no Spring, no HTTP.
 */
package io.entrasync.edits;
