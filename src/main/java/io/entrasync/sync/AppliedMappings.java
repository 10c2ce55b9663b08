package io.entrasync.sync;

import io.entrasync.mapping.MappingSettings;
import io.entrasync.mapping.TenantMapping;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The mapping each tenant's last applied run evaluated, as key → value ({@code tenant_applied_mapping}), so a hold
 * can show what changed in the mapping since then, and a delta run knows whether to re-evaluate every user (the one
 * record of which mapping was last applied). Written by a run that applies (in its transaction, so it commits with
 * what the run applied) and only when the mapping differs from the stored one: a quiet tenant's runs write nothing.
 */
@Component
public class AppliedMappings {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, String>> SETTINGS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;

    AppliedMappings(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The mapping a tenant's runs last applied under (its hash) and the run that first applied it. */
    record Applied(long runId, String mappingHash) {
    }

    /**
     * The tenant's last applied mapping; empty before its first applied run, and for a tenant whose last applied run
     * predates this record (migration V13). Joins the run's transaction.
     */
    Optional<Applied> last(String tenant) {
        return jdbc.query("select run_id, mapping_hash from tenant_applied_mapping where tenant = ?",
                (rs, i) -> new Applied(rs.getLong(1), rs.getString(2)), tenant).stream().findFirst();
    }

    /**
     * Records that run {@code runId} applied under {@code mapping}, unless {@code last} (what {@link #last} answered
     * for this run; the tenant's lock keeps other runs from changing it meanwhile) already has its hash. Joins the
     * run's transaction.
     */
    void applied(String tenant, long runId, TenantMapping mapping, Optional<Applied> last) {
        if (last.isPresent() && last.get().mappingHash().equals(mapping.contentHash())) {
            return;
        }
        jdbc.update("delete from tenant_applied_mapping where tenant = ?", tenant);
        jdbc.update("insert into tenant_applied_mapping (tenant, run_id, mapping_hash, settings) values (?, ?, ?, ?)",
                tenant, runId, mapping.contentHash(), JSON.writeValueAsString(mapping.settings()));
    }

    /**
     * A tenant's last applied mapping as the fleet view reads it: its hash, and its settings as stored (flattened,
     * JSON; parsed only for the tenants whose changes are shown).
     */
    public record Recorded(String mappingHash, String settings) {

        /** The keys that differ between this mapping and {@code current} ("scope.groups: [A] → [B]"). */
        public List<MappingSettings.Change> changesTo(TenantMapping current) {
            return MappingSettings.diff(JSON.readValue(settings, SETTINGS), current.settings());
        }
    }

    /**
     * The recorded last applied mapping of each of {@code tenants} (a page of the fleet view) in one statement: tenant
     * key to its record; a tenant without one (it never applied, or its last applied run predates this record) is
     * absent.
     */
    public Map<String, Recorded> lastOf(Collection<String> tenants) {
        Map<String, Recorded> recorded = new HashMap<>();
        if (tenants.isEmpty()) {
            return recorded;
        }
        String marks = String.join(", ", Collections.nCopies(tenants.size(), "?"));
        jdbc.query("select tenant, mapping_hash, settings from tenant_applied_mapping where tenant in (" + marks + ")",
                rs -> {
                    recorded.put(rs.getString(1), new Recorded(rs.getString(2), rs.getString(3)));
                }, tenants.toArray());
        return recorded;
    }
}
