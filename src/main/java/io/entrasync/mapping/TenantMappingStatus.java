package io.entrasync.mapping;

import java.util.List;
import java.util.Optional;

/**
 * One mapping file as the registry last read it: either a valid {@link TenantMapping} or its errors.
 *
 * @param file    the file's path as the service names it
 * @param summary what could be read of the file's top-level settings, even when it is invalid
 * @param mapping the valid mapping, null when {@code errors} is not empty
 * @param errors  empty when valid
 */
public record TenantMappingStatus(String file, TenantSummary summary, TenantMapping mapping, List<MappingError> errors) {

    public TenantMappingStatus {
        errors = List.copyOf(errors);
        if (errors.isEmpty() == (mapping == null)) {
            throw new IllegalArgumentException("a status has either a mapping or errors: " + file);
        }
    }

    public boolean valid() {
        return mapping != null;
    }

    /**
     * The tenant key the file claims: for a file of the mappings directory its name ({@code demo.yaml} claims
     * {@code demo}, even when it cannot be parsed); for a file checked on its own the {@code tenant:} it names, null
     * when unreadable.
     */
    public String tenant() {
        return summary.tenant();
    }

    public Optional<TenantMapping> validMapping() {
        return Optional.ofNullable(mapping);
    }

    /** This status, claiming tenant {@code key}. */
    TenantMappingStatus claimedAs(String key) {
        return java.util.Objects.equals(key, summary.tenant()) ? this
                : new TenantMappingStatus(file, summary.withTenant(key), mapping, errors);
    }

    TenantMappingStatus withErrors(List<MappingError> more) {
        List<MappingError> all = new java.util.ArrayList<>(errors);
        all.addAll(more);
        return new TenantMappingStatus(file, summary, null, all);
    }
}
