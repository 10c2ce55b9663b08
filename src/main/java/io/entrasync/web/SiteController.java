package io.entrasync.web;

import io.entrasync.problem.Paging;
import io.entrasync.directory.Department;
import io.entrasync.directory.DepartmentRepository;
import io.entrasync.directory.DirectoryService;
import io.entrasync.directory.Site;
import io.entrasync.directory.SiteRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Sites (customers) and departments. */
@Tag(name = "Sites and departments")
@RestController
class SiteController {

    /** A site as the API shows it. */
    record SiteView(Long id, String name, Set<String> emailDomains, boolean mainUserOnlyTickets, String tenant) {
        static SiteView of(Site s) {
            return new SiteView(s.getId(), s.getName(), new TreeSet<>(s.getEmailDomains()), s.isMainUserOnlyTickets(),
                    s.getTenant());
        }
    }

    /** Body of {@code POST /api/sites}. */
    record NewSite(String name, List<String> emailDomains, Boolean mainUserOnlyTickets) {
    }

    record DepartmentView(Long id, String name) {
    }

    private final DirectoryService directory;
    private final SiteRepository sites;
    private final DepartmentRepository departments;

    private final io.entrasync.directory.MainUserLog mainUserLog;

    SiteController(DirectoryService directory, SiteRepository sites, DepartmentRepository departments,
                   io.entrasync.directory.MainUserLog mainUserLog) {
        this.directory = directory;
        this.mainUserLog = mainUserLog;
        this.sites = sites;
        this.departments = departments;
    }

    @Operation(operationId = "listSites", summary = "List sites",
            description = "Every site with its email domains, whether only its main user may open tickets, and the "
            + "tenant whose mapping created it (null for a manual site).")
    @GetMapping("/api/sites")
    @Transactional(readOnly = true)
    List<SiteView> sites() {
        return sites.findAllByOrderByNameAsc().stream().map(SiteView::of).toList();
    }

    @Operation(operationId = "createSite", summary = "Create a site",
            description = "Creates a manual site (201). 409 when another manual site has the name.")
    @ApiResponse(responseCode = "201", description = "Created; Location names the site.", useReturnTypeSchema = true)
    @PostMapping("/api/sites")
    @Transactional
    ResponseEntity<SiteView> create(@RequestBody NewSite body) {
        Site site = directory.createSite(body.name(), domains(body.emailDomains()),
                Boolean.TRUE.equals(body.mainUserOnlyTickets()));
        return ResponseEntity.created(URI.create("/api/sites/" + site.getId())).body(SiteView.of(site));
    }

    /**
     * Who became or stopped being the site's main user, newest first (at most {@code limit}, default 100): by which
     * door (API, CSV, DEACTIVATION, SYNC), why, and whom a demotion made way for.
     */
    @Operation(operationId = "listMainUserChanges", summary = "List a site's main user changes",
            description = "Who became or stopped being the site's main user, newest first, by which door (API, CSV, "
            + "DEACTIVATION, SYNC) and why. 404 for an unknown site.")
    @GetMapping("/api/sites/{siteId}/main-user-changes")
    List<io.entrasync.directory.MainUserLog.Entry> mainUserChanges(@PathVariable("siteId") long siteId,
                                                                   @RequestParam(defaultValue = "100") int limit) {
        if (!sites.existsById(siteId)) {
            throw new io.entrasync.problem.NotFoundException("siteId", "site " + siteId + " does not exist");
        }
        return mainUserLog.ofSite(siteId, Paging.size("limit", limit, 1000));
    }

    /** The listed domains; a null entry is named by its index (Set.copyOf would fail on it). */
    static Set<String> domains(List<String> listed) {
        Set<String> domains = new java.util.LinkedHashSet<>();
        if (listed != null) {
            for (int i = 0; i < listed.size(); i++) {
                if (listed.get(i) == null || listed.get(i).isBlank()) {
                    throw new io.entrasync.problem.InvalidInputException("emailDomains[" + i + "]",
                            "emailDomains[" + i + "] must be a domain name, not null or blank");
                }
                domains.add(listed.get(i).trim());
            }
        }
        return domains;
    }

    @Operation(operationId = "listDepartments", summary = "List departments",
            description = "Every department.")
    @GetMapping("/api/departments")
    @Transactional(readOnly = true)
    List<DepartmentView> departments() {
        return departments.findAllByOrderByNameAsc().stream().map(d -> new DepartmentView(d.getId(), d.getName())).toList();
    }
}
