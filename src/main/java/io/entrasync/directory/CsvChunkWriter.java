package io.entrasync.directory;

import io.entrasync.mapping.TenantMappingStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Applies one chunk of import rows inside the caller's transaction: one query for the chunk's existing users,
 * sites and departments created on first sight (and remembered in the caller's caches).
 */
@Component
class CsvChunkWriter {

    /** The chunk's counts, its rows refused by the ownership rule (applied: none of their cells) and the users its
     *  mainSiteUser cells demoted. */
    record Result(int created, int updated, int unchanged, int sitesCreated, int departmentsCreated,
                  List<ImportReport.Rejection> rejected, List<ImportReport.Demotion> demoted) {
    }

    private final EndUserRepository users;
    private final SiteRepository sites;
    private final DepartmentRepository departments;
    private final DirectoryService directory;
    private final AccountOwnership ownership;
    private final SharedDepartments sharedDepartments;

    CsvChunkWriter(EndUserRepository users, SiteRepository sites, DepartmentRepository departments,
                   DirectoryService directory, AccountOwnership ownership, SharedDepartments sharedDepartments) {
        this.users = users;
        this.sharedDepartments = sharedDepartments;
        this.sites = sites;
        this.departments = departments;
        this.directory = directory;
        this.ownership = ownership;
    }

    Result write(List<CsvRow> rows, Map<String, Long> siteIds, Map<String, Long> departmentIds) {
        Set<String> keys = rows.stream().map(r -> EmailAddress.key(r.email())).collect(Collectors.toSet());
        Map<String, EndUser> existing = new HashMap<>();
        users.findByEmailKeyIn(keys).forEach(u -> existing.put(u.getEmailKey(), u));
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        int[] newSites = {0};
        int[] newDepartments = {0};
        List<ImportReport.Rejection> rejected = new ArrayList<>();
        List<ImportReport.Demotion> demoted = new ArrayList<>();
        Map<String, Optional<TenantMappingStatus>> files = new HashMap<>();
        for (CsvRow row : rows) {
            EndUser known = existing.get(EmailAddress.key(row.email()));
            // checked before any site or department is created for the row: a refused row leaves no trace
            AccountOwnership.ImportCheck check = known == null ? null : ownership.checkImport(known, row, files);
            if (check != null && !check.refusals().isEmpty()) {
                rejected.add(new ImportReport.Rejection(row.line(), String.join("; ", check.refusals())));
                continue;
            }
            Site site = check != null && check.keepsSite() ? known.getSite()
                    : sites.getReferenceById(siteIds.computeIfAbsent(Site.key(row.site()), key ->
                    sites.findManual(key).orElseGet(() -> {
                        newSites[0]++;
                        return sites.save(new Site(row.site(), Set.of(), false, null));
                    }).getId()));
            Department department = row.department() == null ? null
                    : departments.getReferenceById(departmentIds.computeIfAbsent(Site.key(row.department()), key -> {
                        SharedDepartments.Found found = sharedDepartments.idOf(row.department());
                        newDepartments[0] += found.created() ? 1 : 0;
                        return found.id();
                    }));
            EndUser user = known;
            if (user == null) {
                user = new EndUser(site, row.email(), Association.STRONG);
                apply(user, row, department);
                users.save(user);
                existing.put(user.getEmailKey(), user);
                created++;
            } else if (apply(user, row, department) | !Objects.equals(user.getSite().getId(), site.getId())) {
                user.setSite(site);
                updated++;
            } else {
                unchanged++;
            }
            if (row.mainSiteUser() != null && row.mainSiteUser() != user.isMainSiteUser()) {
                users.flush();
                DemotedUser lost = directory.setMainSiteUserFromImport(user, row.mainSiteUser(), row.line());
                if (lost != null) {
                    demoted.add(new ImportReport.Demotion(row.line(), lost));
                }
            }
        }
        return new Result(created, updated, unchanged, newSites[0], newDepartments[0], List.copyOf(rejected),
                List.copyOf(demoted));
    }

    /** Copies the row's non-blank cells onto the user; answers whether anything changed. */
    private static boolean apply(EndUser user, CsvRow row, Department department) {
        boolean changed = set(row.firstName(), user.getFirstName(), user::setFirstName);
        changed |= set(row.lastName(), user.getLastName(), user::setLastName);
        changed |= set(row.phone(), user.getPhone(), user::setPhone);
        changed |= set(row.mobilePhone(), user.getMobilePhone(), user::setMobilePhone);
        changed |= set(row.jobTitle(), user.getJobTitle(), user::setJobTitle);
        if (department != null && (user.getDepartment() == null
                || !department.getId().equals(user.getDepartment().getId()))) {
            user.setDepartment(department);
            changed = true;
        }
        return changed;
    }

    private static boolean set(String value, String current, Consumer<String> setter) {
        if (value == null || value.equals(current)) {
            return false;
        }
        setter.accept(value);
        return true;
    }
}
