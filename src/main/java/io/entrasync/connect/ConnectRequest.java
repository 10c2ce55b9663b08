package io.entrasync.connect;

import io.entrasync.auth.Caller;
import io.entrasync.graph.MspTenantReader;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * One "connect a customer" as stored: who started it for which tenant key and template, until when its state
 * authorizes the callback, and what the callback found.
 *
 * @param tenantId the tenant id the callback named (null while waiting, or when the callback named none)
 * @param details  organization, connection check, file and error; never null (empty while waiting)
 */
record ConnectRequest(String id, String tenant, String template, Caller startedBy, Instant startedAt,
                      Instant expiresAt, Instant usedAt, Status status, String tenantId, Details details) {

    /** Where a request stands; written in lower case on the API. */
    enum Status {
        WAITING, CONNECTED, REFUSED, FAILED;

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * What the callback found.
     *
     * @param organization the tenant as Graph describes it, once the consent is proven
     * @param check        the connection check's report (as {@code POST /api/tenants/{tenant}/check} answers it)
     * @param file         the tenant file written or to commit
     * @param error        why the request was refused or failed
     */
    record Details(Organization organization, JsonNode check, TenantFile file, Problem error) {
        static final Details NONE = new Details(null, null, null, null);
    }

    /** The tenant's display name and verified domains. */
    record Organization(String displayName, List<String> verifiedDomains) {
        static Organization of(MspTenantReader.Organization read) {
            return new Organization(read.displayName(), read.verifiedDomains());
        }
    }

    /**
     * The tenant file.
     *
     * @param path    where it is (or belongs), relative to the service's working directory when the mappings
     *                directory is
     * @param written true when it was written; false: the mappings directory is read-only, commit {@code content}
     * @param content the file's text
     */
    record TenantFile(String path, boolean written, String content) {
    }

    /** An error code (Microsoft's {@code access_denied}, an {@code AADSTS…} code, or ours) and its description. */
    record Problem(String code, String description) {
    }

    ConnectRequest finished(Status status, String tenantId, Details details) {
        return new ConnectRequest(id, tenant, template, startedBy, startedAt, expiresAt, usedAt, status, tenantId,
                details);
    }
}
