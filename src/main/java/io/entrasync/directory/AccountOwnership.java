package io.entrasync.directory;

import io.entrasync.mapping.AccountField;
import io.entrasync.mapping.FieldOwners;
import io.entrasync.mapping.MappingRegistry;
import io.entrasync.mapping.TenantMappingStatus;
import io.entrasync.problem.ConflictException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Who owns an account, asked by every door into the accounts: the sync ({@link FieldOwners}, the same rule), an
 * admin's edit ({@code PATCH /api/users/{id}}), the CSV import and the release of an orphaned tenant. An account
 * linked to a tenant whose mapping file is loaded and valid is <em>managed</em>: the fields {@link FieldOwners} gives
 * the directory are changed by that tenant's runs only, and every other door refuses to change them, in the same
 * words. A tenant whose file is broken still claims its accounts (no release) but, with no mapping to read the owners
 * from, its accounts' fields stay editable; a tenant no file claims is orphaned and may be released.
 */
@Component
public class AccountOwnership {

    /** Who owns the accounts of one tenant key. */
    public enum Kind {
        /** A loaded, valid mapping file: its runs manage the accounts. */
        MAPPED,
        /** A mapping file claims the tenant but is invalid: runs are off until it is fixed; nothing is released. */
        BROKEN_MAPPING,
        /** No mapping file claims the tenant: its accounts may be released to manual accounts. */
        ORPHANED,
        /** A mapping file or the directory cannot be read at all: nobody can tell; nothing is released. */
        UNKNOWN
    }

    /**
     * The owner of a tenant's accounts.
     *
     * @param file       the file claiming the tenant (MAPPED, BROKEN_MAPPING), else null
     * @param unreadable what could not be read (UNKNOWN), else empty
     */
    public record TenantOwner(String tenant, Kind kind, TenantMappingStatus file, List<String> unreadable) { }

    private static final List<AccountField> PROFILE = List.of(AccountField.FIRST_NAME, AccountField.LAST_NAME,
            AccountField.EMAIL, AccountField.PHONE, AccountField.MOBILE_PHONE, AccountField.JOB_TITLE);

    private final MappingRegistry mappings;

    AccountOwnership(MappingRegistry mappings) {
        this.mappings = mappings;
    }

    /** Who owns the accounts of {@code tenant}, from a fresh look at the mapping directory. */
    public TenantOwner ofTenant(String tenant) {
        List<String> unreadable = mappings.unreadable();
        Optional<TenantMappingStatus> file = mappings.current(tenant);
        if (file.isPresent()) {
            return new TenantOwner(tenant, file.get().valid() ? Kind.MAPPED : Kind.BROKEN_MAPPING, file.get(), List.of());
        }
        return unreadable.isEmpty() ? new TenantOwner(tenant, Kind.ORPHANED, null, List.of())
                : new TenantOwner(tenant, Kind.UNKNOWN, null, unreadable);
    }

    /** The valid mapping file managing {@code user}; empty for manual, WEAK, orphaned or broken-mapping accounts. */
    Optional<TenantMappingStatus> managing(EndUser user) {
        return synced(user) ? validFile(user.getTenant()) : Optional.empty();
    }

    private static boolean synced(EndUser user) {
        return user.getExternalId() != null && user.getTenant() != null;
    }

    private Optional<TenantMappingStatus> validFile(String tenant) {
        return mappings.current(tenant).filter(TenantMappingStatus::valid);
    }

    /**
     * Who owns one directory-owned field of an account, for the page to show it locked: the tenant, its mapping file
     * and the setting that gives the field to the directory (the same words as the 409 of an edit), and how to
     * change the field instead.
     */
    public record FieldOwner(String tenant, String file, String rule, String remedy) { }

    /**
     * The fields of {@code user} the directory owns, by their API names in {@link AccountField} order, each with its
     * owner; empty for a manual, WEAK, orphaned or broken-mapping account (all its fields are editable). One look at
     * the mapping directory: meant for a single account's answer, not for every row of a list.
     */
    public Map<String, FieldOwner> ownedFields(EndUser user) {
        Optional<TenantMappingStatus> file = managing(user);
        if (file.isEmpty()) {
            return Map.of();
        }
        FieldOwners owners = FieldOwners.of(file.get().mapping());
        Map<String, FieldOwner> owned = new LinkedHashMap<>();
        for (AccountField field : AccountField.values()) {
            String rule = owners.rule(field);
            if (rule != null) {
                owned.put(field.apiName(), new FieldOwner(user.getTenant(), file.get().file(), rule,
                        FieldOwners.remedy(field)));
            }
        }
        return Collections.unmodifiableMap(owned);
    }

    /**
     * Why {@code field} of {@code user} may not be changed by hand, or null when it may: the one sentence every door
     * answers ({@code jobTitle of ann@x.org is owned by tenant demo (mappings/demo.yaml, fields.jobTitle.owner:
     * directory); change it in Entra or make the field owner: helpdesk}). {@code name} is the field as the door
     * calls it.
     */
    String refusal(EndUser user, TenantMappingStatus file, AccountField field, String name) {
        String rule = FieldOwners.of(file.mapping()).rule(field);
        return rule == null ? null : name + " of " + user.getEmail() + " is owned by tenant " + user.getTenant() + " ("
                + file.file() + ", " + rule + "); " + FieldOwners.remedy(field);
    }

    /**
     * Throws a {@link ConflictException} (409) naming the first field of {@code patch} that changes a value the
     * directory owns for {@code user}; a patch sending a directory-owned field with its current value passes.
     */
    public void requireHelpdeskOwned(EndUser user, UserDraft patch) {
        Optional<TenantMappingStatus> file = managing(user);
        if (file.isEmpty()) {
            return;
        }
        for (AccountField field : AccountField.values()) {
            if (patch.has(field.apiName()) && PatchChanges.changes(user, patch, field)) {
                String refusal = refusal(user, file.get(), field, field.apiName());
                if (refusal != null) {
                    throw new ConflictException(field.apiName(), refusal);
                }
            }
        }
    }

    /**
     * What the import may do with an existing account for {@code row}: the refusals (empty: the row applies) and
     * whether the account keeps its site because the row names the site it is on (a managed account stays on its
     * tenant's site of that name; the import's site names otherwise mean manual sites).
     */
    record ImportCheck(List<String> refusals, boolean keepsSite) { }

    /**
     * The import's rule for an existing account: a row that would change a directory-owned field of a managed
     * account is refused as a whole (the same words as the API's 409, one per field); so is a row that would change
     * anything of a deactivated account, which only an admin's activation brings back, and a row that would make a
     * WEAK account main (only an admin's confirmation does). {@code files} keeps each
     * tenant's managing file for the caller's chunk of rows: a look-up costs file stats (for a tenant no file claims,
     * a scan of the mapping directory), so it is made once per tenant and chunk, not once per row.
     */
    ImportCheck checkImport(EndUser user, CsvRow row, Map<String, Optional<TenantMappingStatus>> files) {
        Optional<TenantMappingStatus> file = synced(user) ? files.computeIfAbsent(user.getTenant(), this::validFile)
                : Optional.empty();
        boolean sameSiteName = Site.key(row.site()).equals(Site.key(user.getSite().getName()));
        boolean keepsSite = sameSiteName && (file.isPresent() || user.getSite().getTenant() == null);
        Set<AccountField> changes = importChanges(user, row, keepsSite);
        List<String> refusals = new ArrayList<>();
        file.ifPresent(mapping -> changes.forEach(field -> {
            String refusal = refusal(user, mapping, field, field.csvColumn());
            if (refusal != null) {
                refusals.add(refusal);
            }
        }));
        if (!user.isActive() && !changes.isEmpty()) {
            refusals.add("user " + user.getId() + " (" + user.getEmail() + ") is deactivated"
                    + (user.getDeactivationReason() == null ? "" : " (" + user.getDeactivationReason() + ")")
                    + "; the import changes no deactivated account: activate it first (POST /api/users/"
                    + user.getId() + "/activate)");
        }
        String weak = Boolean.TRUE.equals(row.mainSiteUser()) && refusals.isEmpty()
                ? MainSiteUserChanges.unconfirmedWeak(user, MainUserLog.Door.CSV) : null;
        if (weak != null) {
            refusals.add(weak);
        }
        return new ImportCheck(List.copyOf(refusals), keepsSite);
    }

    /** The fields the row would change: its non-blank cells that differ from the account's values. */
    private static Set<AccountField> importChanges(EndUser user, CsvRow row, boolean keepsSite) {
        Set<AccountField> changes = EnumSet.noneOf(AccountField.class);
        List<String> cells = List.of(nullToEmpty(row.firstName()), nullToEmpty(row.lastName()), "",
                nullToEmpty(row.phone()), nullToEmpty(row.mobilePhone()), nullToEmpty(row.jobTitle()));
        List<String> stored = java.util.Arrays.asList(user.getFirstName(), user.getLastName(), null, user.getPhone(),
                user.getMobilePhone(), user.getJobTitle());
        for (int i = 0; i < PROFILE.size(); i++) {
            if (!cells.get(i).isEmpty() && !cells.get(i).equals(stored.get(i))) {
                changes.add(PROFILE.get(i));
            }
        }
        if (!keepsSite) {
            changes.add(AccountField.SITE);
        }
        if (row.department() != null && (user.getDepartment() == null
                || !Site.key(row.department()).equals(Site.key(user.getDepartment().getName())))) {
            changes.add(AccountField.DEPARTMENT);
        }
        if (row.mainSiteUser() != null && row.mainSiteUser() != user.isMainSiteUser()) {
            changes.add(AccountField.MAIN_SITE_USER);
        }
        return changes;
    }

    private static String nullToEmpty(String value) {
        return Objects.requireNonNullElse(value, "");
    }
}
