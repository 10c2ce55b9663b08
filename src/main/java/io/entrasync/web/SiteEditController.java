package io.entrasync.web;

import io.entrasync.directory.Department;
import io.entrasync.directory.SiteEdits;
import io.entrasync.problem.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Renaming and deleting sites and departments (kept apart from {@link SiteController}, which lists and creates).
 * A delete that would orphan users or tickets answers 409 with the counts.
 */
@Tag(name = "Sites and departments")
@RestController
class SiteEditController {

    /** Body of {@code PATCH /api/sites/{siteId}}; absent fields are kept. */
    record SiteChange(String name, List<String> emailDomains, Boolean mainUserOnlyTickets) {
    }

    /** Body of {@code PATCH /api/departments/{departmentId}}. */
    record DepartmentChange(String name) {
    }

    private final SiteEdits edits;

    SiteEditController(SiteEdits edits) {
        this.edits = edits;
    }

    @Operation(operationId = "updateSite", summary = "Edit a site",
            description = "Changes name, email domains or mainUserOnlyTickets (each optional). 409 for a taken name, or"
            + " a rename of a site placed by a tenant's mapping (rename it in the mapping).")
    @PatchMapping("/api/sites/{siteId}")
    @Transactional
    SiteController.SiteView editSite(@PathVariable("siteId") long siteId, @RequestBody SiteChange body) {
        return SiteController.SiteView.of(edits.editSite(siteId, body.name(),
                body.emailDomains() == null ? null : SiteController.domains(body.emailDomains()),
                body.mainUserOnlyTickets()));
    }

    @Operation(operationId = "deleteSite", summary = "Delete a site",
            description = "204; 409 saying how many users and tickets it still has (nothing is deleted in cascade), or "
            + "that it is the default site of the settings.")
    @ApiResponse(responseCode = "204", description = "Deleted.")
    @DeleteMapping("/api/sites/{siteId}")
    ResponseEntity<Void> deleteSite(@PathVariable("siteId") long siteId) {
        edits.deleteSite(siteId);
        return ResponseEntity.noContent().build();
    }

    @Operation(operationId = "renameDepartment", summary = "Rename a department",
            description = "409 when the name is taken.")
    @PatchMapping("/api/departments/{departmentId}")
    SiteController.DepartmentView renameDepartment(@PathVariable("departmentId") long departmentId,
                                                   @RequestBody DepartmentChange body) {
        if (body.name() == null) {
            throw new InvalidInputException("name", "name is required");
        }
        Department department = edits.renameDepartment(departmentId, body.name());
        return new SiteController.DepartmentView(department.getId(), department.getName());
    }

    @Operation(operationId = "deleteDepartment", summary = "Delete a department",
            description = "204; 409 saying how many users are in it.")
    @ApiResponse(responseCode = "204", description = "Deleted.")
    @DeleteMapping("/api/departments/{departmentId}")
    ResponseEntity<Void> deleteDepartment(@PathVariable("departmentId") long departmentId) {
        edits.deleteDepartment(departmentId);
        return ResponseEntity.noContent().build();
    }
}
