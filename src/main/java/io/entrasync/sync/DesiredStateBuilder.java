package io.entrasync.sync;

import io.entrasync.directory.DirectoryStore;
import io.entrasync.directory.SiteRef;
import io.entrasync.mapping.AccountField;
import io.entrasync.mapping.DesiredAccount;
import io.entrasync.mapping.FieldOwners;
import io.entrasync.mapping.MappingEngine;
import io.entrasync.mapping.MappingResult;
import io.entrasync.mapping.TenantMapping;
import io.entrasync.mirror.MirrorUser;
import io.entrasync.reconcile.AbsenceReason;
import io.entrasync.reconcile.Desired;
import io.entrasync.reconcile.Field;
import io.entrasync.reconcile.FieldPolicies;
import io.entrasync.reconcile.FieldPolicy;
import io.entrasync.reconcile.Ownership;
import io.entrasync.reconcile.SkipReason;
import io.entrasync.source.RemovedObject;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a mirrored directory user into what the reconcile core wants: present with a desired account, absent
 * (removed, disabled, out of scope) or unmappable. Translates the mapping's vocabulary into the core's.
 */
final class DesiredStateBuilder {

    private static final Logger log = LoggerFactory.getLogger(DesiredStateBuilder.class);

    private final TenantMapping mapping;
    private final MappingEngine engine;
    private final DirectoryStore store;
    private final DirectoryStore.NameCache names;
    private final Set<String> chosenMainSiteUsers;
    private final FieldPolicies policies;
    private io.entrasync.mapping.FieldPolicies convertedFrom;
    private FieldPolicies converted;

    DesiredStateBuilder(TenantMapping mapping, MappingEngine engine, DirectoryStore store, DirectoryStore.NameCache names,
                        Set<String> chosenMainSiteUsers) {
        this.mapping = mapping;
        this.engine = engine;
        this.store = store;
        this.names = names;
        this.chosenMainSiteUsers = chosenMainSiteUsers;
        this.policies = policies(mapping);
    }

    Desired desired(MirrorUser user, Set<io.entrasync.mapping.GroupRef> groups) {
        String id = user.id();
        if (user.removed()) {
            return new Desired.Absent(id, absence(user.removedReason()));
        }
        MappingResult result = engine.evaluate(mapping, user.toDirectoryUser(), groups);
        if (result instanceof MappingResult.OutOfScope) {
            return new Desired.Absent(id, Boolean.FALSE.equals(user.toDirectoryUser().accountEnabled())
                    ? AbsenceReason.DISABLED : AbsenceReason.OUT_OF_SCOPE);
        }
        if (result instanceof MappingResult.Unmapped unmapped) {
            return new Desired.Unmappable(id, SkipReason.UNMAPPABLE, unmapped.reason());
        }
        DesiredAccount account = ((MappingResult.InScope) result).account();
        String tooLong = firstNonNull(ColumnFit.tooLong("email", account.email(), ColumnFit.EMAIL),
                ColumnFit.tooLong("site name", account.siteName(), ColumnFit.NAME),
                ColumnFit.tooLong("department name", account.departmentName(), ColumnFit.NAME));
        if (tooLong != null || account.email().indexOf('\u0000') >= 0) {
            return new Desired.Unmappable(id, SkipReason.UNMAPPABLE, tooLong != null ? tooLong
                    : "email contains a NUL character");
        }
        SiteRef site = siteRef(account);
        if (site.tenant() != null && site.tenant().equals(mapping.tenant()) && SiteRef.looksQualified(site.name())) {
            return new Desired.Unmappable(id, SkipReason.UNMAPPABLE, "site name '" + site.name() + "' ends like a "
                    + "reference to another owner's site; map the value to another name in the mapping");
        }
        if (!account.createSiteIfMissing() && !store.siteExists(site, names)) {
            return new Desired.Unmappable(id, SkipReason.SITE_MISSING, account.siteOwner().creatable()
                    ? "site '" + account.siteName() + "' does not exist and the mapping does not create missing sites"
                    : account.siteOwner().describe(account.siteName()) + " does not exist (the sync creates only "
                            + "the tenant's own sites)");
        }
        String department = account.departmentName();
        if (department != null && !account.createDepartmentIfMissing() && !store.departmentExists(department, names)) {
            department = null;
        }
        ColumnFit fit = new ColumnFit();
        var wanted = new io.entrasync.reconcile.DesiredAccount(account.email(),
                fit.fit("firstName", account.firstName(), ColumnFit.NAME),
                fit.fit("lastName", account.lastName(), ColumnFit.NAME),
                fit.fit("phone", account.phone(), ColumnFit.PHONE),
                fit.fit("mobilePhone", account.mobilePhone(), ColumnFit.PHONE),
                fit.fit("jobTitle", account.jobTitle(), ColumnFit.NAME), store.siteLabel(site, mapping.tenant(), names),
                department, chosenMainSiteUsers.contains(id), account.autoTicketDisabled(), policiesOf(account));
        if (!fit.notes().isEmpty()) {
            log.warn("directory user {} of tenant '{}' has values longer than the helpdesk stores: {}", id,
                    mapping.tenant(), String.join("; ", fit.notes()));
        }
        return new Desired.Present(id, wanted);
    }

    /** The site the account's rule named, within its owner: this tenant, the manual sites or another tenant. */
    private SiteRef siteRef(DesiredAccount account) {
        return switch (account.siteOwner().kind()) {
            case OWN -> new SiteRef(mapping.tenant(), account.siteName());
            case MANUAL -> new SiteRef(null, account.siteName());
            case TENANT -> new SiteRef(account.siteOwner().tenant(), account.siteName());
        };
    }

    /** The core's field policies for the account; every account of a mapping shares one set, converted once. */
    private FieldPolicies policiesOf(DesiredAccount account) {
        if (account.policies() != convertedFrom) {
            converted = policies.with(Field.FIRST_NAME, policy(account, io.entrasync.mapping.Field.FIRST_NAME))
                    .with(Field.LAST_NAME, policy(account, io.entrasync.mapping.Field.LAST_NAME))
                    .with(Field.EMAIL, policy(account, io.entrasync.mapping.Field.EMAIL))
                    .with(Field.PHONE, policy(account, io.entrasync.mapping.Field.PHONE))
                    .with(Field.MOBILE_PHONE, policy(account, io.entrasync.mapping.Field.MOBILE_PHONE))
                    .with(Field.JOB_TITLE, policy(account, io.entrasync.mapping.Field.JOB_TITLE));
            convertedFrom = account.policies();
        }
        return converted;
    }

    private static String firstNonNull(String... values) {
        for (String value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /**
     * The site, department and flags as {@link FieldOwners} (the one ownership rule every door follows) gives them;
     * fields the mapping does not speak about stay the helpdesk's.
     */
    private static FieldPolicies policies(TenantMapping mapping) {
        FieldOwners owners = FieldOwners.of(mapping);
        Map<Field, FieldPolicy> map = new EnumMap<>(Field.class);
        map.put(Field.SITE, owners.directoryOwns(AccountField.SITE) ? FieldPolicy.DIRECTORY : FieldPolicy.HELPDESK);
        // a user whose department attribute was removed in Entra (or maps to none) ends without one
        map.put(Field.DEPARTMENT, owned(owners, AccountField.DEPARTMENT));
        map.put(Field.MAIN_SITE_USER, owned(owners, AccountField.MAIN_SITE_USER));
        map.put(Field.AUTO_TICKET_DISABLED, owned(owners, AccountField.AUTO_TICKET_DISABLED));
        return FieldPolicies.of(map);
    }

    private static FieldPolicy owned(FieldOwners owners, AccountField field) {
        return owners.directoryOwns(field) ? FieldPolicy.DIRECTORY_BLANK_CLEARS : FieldPolicy.HELPDESK;
    }

    private static FieldPolicy policy(DesiredAccount account, io.entrasync.mapping.Field field) {
        io.entrasync.mapping.FieldPolicy policy = account.policies().of(field);
        return new FieldPolicy(policy.owner() == io.entrasync.mapping.FieldPolicy.Owner.HELPDESK
                ? Ownership.HELPDESK : Ownership.DIRECTORY, policy.blankClears());
    }

    private static AbsenceReason absence(RemovedObject.Reason removed) {
        if (removed == null) {
            return AbsenceReason.SOFT_DELETED;
        }
        return switch (removed) {
            case DELETED -> AbsenceReason.DELETED;
            case SOFT_DELETED -> AbsenceReason.SOFT_DELETED;
            // a 404 after a full read also happens for a soft-deleted, restorable user: not proof of a deletion
            case NOT_IN_FULL_READ -> AbsenceReason.NOT_FOUND_IN_FULL_SYNC;
        };
    }
}
