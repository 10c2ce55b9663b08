package io.entrasync.directory;

import io.entrasync.edits.EntityEdited;
import io.entrasync.problem.ConflictException;
import io.entrasync.problem.InvalidInputException;
import io.entrasync.problem.NotFoundException;
import java.util.Locale;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Renames and deletes of sites and departments by an admin. A delete that would orphan users or tickets is refused
 * (409) with the counts, so the admin knows what to move first; nothing is ever deleted in cascade.
 */
@Service
public class SiteEdits {

    private final SiteRepository sites;
    private final DepartmentRepository departments;
    private final SettingsService settings;
    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher events;

    SiteEdits(SiteRepository sites, DepartmentRepository departments, SettingsService settings, JdbcTemplate jdbc,
              ApplicationEventPublisher events) {
        this.sites = sites;
        this.departments = departments;
        this.settings = settings;
        this.jdbc = jdbc;
        this.events = events;
    }

    /**
     * Changes a site; null arguments keep a value. A site a tenant's mapping created keeps its name (the next run
     * would create the mapped name again): 409 naming the tenant.
     */
    @Transactional
    public Site editSite(long siteId, String name, Set<String> emailDomains, Boolean mainUserOnlyTickets) {
        Site site = site(siteId);
        var before = EditSnapshots.site(site);
        if (name != null && !Site.key(name).equals(Site.key(site.getName()))) {
            if (site.getTenant() != null) {
                throw new ConflictException("name", "site " + siteId + " is placed by the mapping of tenant '"
                        + site.getTenant() + "'; rename it in the mapping file instead");
            }
            checkName("name", name);
            sites.findManual(Site.key(name)).ifPresent(other -> { // only manual sites are renamed here
                throw new ConflictException("name", "site name '" + name.trim() + "' is already used by site "
                        + other.getId());
            });
        }
        if (name != null) {
            site.rename(name);
        }
        if (emailDomains != null) {
            for (String domain : emailDomains) {
                if (!EmailAddress.isValid("x@" + domain)) {
                    throw new InvalidInputException("emailDomains", "email domain '" + domain + "' is not a valid domain");
                }
                sites.findByEmailDomain(domain.toLowerCase(Locale.ROOT)).filter(other -> !other.getId().equals(siteId))
                        .ifPresent(other -> {
                            throw new ConflictException("emailDomains", "email domain '" + domain
                                    + "' already belongs to site " + other.getId());
                        });
            }
        }
        site.edit(mainUserOnlyTickets, emailDomains);
        Site saved = sites.saveAndFlush(site);
        events.publishEvent(EntityEdited.between("site " + siteId, before, EditSnapshots.site(saved)));
        return saved;
    }

    /** Deletes an unused site; 409 with the numbers of users and tickets on it, or when it is the default site. */
    @Transactional
    public void deleteSite(long siteId) {
        Site site = site(siteId);
        long users = count("select count(*) from end_user where site_id = ?", siteId);
        long tickets = count("select count(*) from ticket where site_id = ?", siteId);
        if (users > 0 || tickets > 0) {
            throw new ConflictException("siteId", "site " + siteId + " ('" + site.getName() + "') still has " + users
                    + " user(s) and " + tickets + " ticket(s); move or remove them first");
        }
        if (Long.valueOf(siteId).equals(settings.current().getDefaultSiteId())) {
            throw new ConflictException("siteId", "site " + siteId + " is the default site for inbound email; "
                    + "choose another in /api/settings first");
        }
        var before = EditSnapshots.site(site);
        sites.delete(site);
        events.publishEvent(EntityEdited.between("site " + siteId, before, null));
    }

    @Transactional
    public Department renameDepartment(long departmentId, String name) {
        Department department = department(departmentId);
        var before = EditSnapshots.department(department);
        checkName("name", name);
        departments.findByNameKey(Site.key(name)).filter(other -> !other.getId().equals(departmentId))
                .ifPresent(other -> {
                    throw new ConflictException("name", "department name '" + name.trim()
                            + "' is already used by department " + other.getId());
                });
        department.rename(name);
        Department saved = departments.saveAndFlush(department);
        events.publishEvent(EntityEdited.between("department " + departmentId, before,
                EditSnapshots.department(saved)));
        return saved;
    }

    /** Deletes an unused department; 409 with the number of users in it. */
    @Transactional
    public void deleteDepartment(long departmentId) {
        Department department = department(departmentId);
        long users = count("select count(*) from end_user where department_id = ?", departmentId);
        if (users > 0) {
            throw new ConflictException("departmentId", "department " + departmentId + " ('" + department.getName()
                    + "') still has " + users + " user(s); move them first");
        }
        var before = EditSnapshots.department(department);
        departments.delete(department);
        events.publishEvent(EntityEdited.between("department " + departmentId, before, null));
    }

    private long count(String sql, long id) {
        Long count = jdbc.queryForObject(sql, Long.class, id);
        return count == null ? 0 : count;
    }

    private Site site(long siteId) {
        return sites.findById(siteId).orElseThrow(() -> new NotFoundException("siteId", "site " + siteId
                + " does not exist"));
    }

    private Department department(long departmentId) {
        return departments.findById(departmentId).orElseThrow(() -> new NotFoundException("departmentId",
                "department " + departmentId + " does not exist"));
    }

    private static void checkName(String field, String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException(field, field + " must not be blank");
        }
        if (name.strip().length() > 200) {
            throw new InvalidInputException(field, field + " is longer than 200 characters");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException(field, field + " contains control characters");
        }
    }
}
