package io.entrasync.connect;

import io.entrasync.auth.AuditEvent;
import io.entrasync.auth.Caller;
import io.entrasync.connect.ConnectRequest.Details;
import io.entrasync.connect.ConnectRequest.Problem;
import io.entrasync.connect.ConnectRequest.Status;
import io.entrasync.graph.ConnectionCheck;
import io.entrasync.graph.MspTenantReader;
import io.entrasync.mapping.TenantMapping;
import io.entrasync.problem.ForbiddenException;
import io.entrasync.problem.InvalidInputException;
import io.entrasync.problem.ProblemException;
import io.entrasync.source.DirectorySourceException;
import java.nio.file.FileAlreadyExistsException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin's browser back from Microsoft's admin-consent page. The {@code state} authorizes the call (single-use,
 * until it expires; a signed-in page session must be the person who started the flow); an {@code error} is a refusal
 * whatever else the answer says; a success is proven ({@link ConsentProof}: the organization Graph answers for a
 * token of that tenant must be that tenant), the connection checked and the tenant file written. Every outcome is
 * stored on the request and published to the audit trail (actor: the signed-in person, else the one who started the
 * connection; its status is in the target, the call itself was answered).
 */
@Service
class ConsentCallback {

    private static final Logger log = LoggerFactory.getLogger(ConsentCallback.class);
    private static final Pattern TENANT_ID = Pattern.compile("[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The callback's query parameters as Microsoft sends them, and the caller's address (for the audit trail). */
    record Params(String state, String adminConsent, String tenant, String error, String errorDescription,
                  String client) {
    }

    /** Why a state does not authorize the callback; {@code reason} names it for the page. */
    static final class StateRefused extends InvalidInputException {
        private final String reason;

        StateRefused(String reason, String message) {
            super("state", message);
            this.reason = reason;
        }

        String reason() {
            return reason;
        }
    }

    private final ConnectRequests requests;
    private final ConnectService connect;
    private final ConsentProof proof;
    private final ConnectionCheck checks;
    private final TenantFiles files;
    private final ConnectTime time;
    private final ApplicationEventPublisher events;

    ConsentCallback(ConnectRequests requests, ConnectService connect, ConsentProof proof, ConnectionCheck checks,
            TenantFiles files, ConnectTime time, ApplicationEventPublisher events) {
        this.requests = requests;
        this.connect = connect;
        this.proof = proof;
        this.checks = checks;
        this.files = files;
        this.time = time;
        this.events = events;
    }

    /**
     * @param session the signed-in page user, when the browser holds a session
     * @return the finished request
     * @throws StateRefused       no, an unknown, a used or an expired state (400)
     * @throws ForbiddenException a signed-in person other than the one who started the flow (403)
     */
    ConnectRequest handle(Params params, Optional<Caller> session) {
        ConnectRequest request = authorized(params, session);
        if (!requests.claim(request.id(), time.now())) {
            throw new StateRefused("state-used", "this consent answer was handled already (the state is single-use)"
                    + " or has just expired; start the connection again");
        }
        ConnectRequest done;
        try {
            done = finish(request, params);
        } catch (RuntimeException e) {
            log.warn("Connect request {} (tenant {}) failed unexpectedly", request.id(), request.tenant(), e);
            done = request.finished(Status.FAILED, params.tenant(), new Details(null, null, null,
                    new Problem("internal_error", "the connection could not be completed: " + e.getMessage())));
        }
        requests.finish(done);
        Problem error = done.details().error();
        log.info("Connect request {} for tenant {} ({}): {}", done.id(), done.tenant(), done.tenantId(),
                done.status().wire() + (error == null ? "" : " " + loggable(error.code())));
        events.publishEvent(new AuditEvent(time.now(), session.orElse(request.startedBy()).storable(),
                "GET /connect/callback", "tenant=" + request.tenant() + " status=" + done.status().wire(), 200,
                params.client()));
        return done;
    }

    private ConnectRequest authorized(Params params, Optional<Caller> session) {
        if (params.state() == null || params.state().isBlank()) {
            throw new StateRefused("state-missing", "the callback carries no state: it must come from Microsoft's "
                    + "admin-consent page of a connection started here");
        }
        ConnectRequest request = requests.byState(params.state()).orElseThrow(() -> new StateRefused("state-unknown",
                "the state of this callback belongs to no connection started here"));
        if (request.usedAt() != null) {
            throw new StateRefused("state-used", "this consent answer was handled already (the state is single-use);"
                    + " GET /api/tenants/connect/" + request.id() + " shows its outcome");
        }
        if (!time.now().isBefore(request.expiresAt())) {
            throw new StateRefused("state-expired", "the connection was started at " + request.startedAt()
                    + " and its state expired at " + request.expiresAt() + "; start the connection again");
        }
        Optional<Caller> user = session.filter(c -> c.kind() == Caller.Kind.USER);
        if (user.isPresent() && !(request.startedBy().kind() == Caller.Kind.USER
                && request.startedBy().id().equals(user.get().storable().id()))) {
            throw new ForbiddenException("state", "this connection was started by " + request.startedBy().name()
                    + "; the signed-in " + user.get().name() + " cannot complete it");
        }
        return request;
    }

    private ConnectRequest finish(ConnectRequest request, Params params) {
        // only a tenant id is kept: the parameter is the caller's text (and tenant_id holds 64 characters)
        String named = params.tenant() == null ? null : params.tenant().strip();
        String tenantId = named != null && TENANT_ID.matcher(named).matches() ? named : null;
        if (params.error() != null && !params.error().isBlank()) {
            // an error is a refusal, even where Microsoft's answer also carries admin_consent=True
            return request.finished(Status.REFUSED, tenantId, new Details(null, null, null,
                    new Problem(params.error(), params.errorDescription())));
        }
        if (!"true".equalsIgnoreCase(params.adminConsent()) || tenantId == null) {
            return failed(request, null, null, "invalid_callback", "the callback says neither a refusal (error) "
                    + "nor a consent (admin_consent=True with the tenant id): admin_consent=" + params.adminConsent()
                    + ", tenant=" + params.tenant());
        }
        MspTenantReader.Organization organization;
        try {
            organization = proof.organization(connect.connection(request.tenant(), tenantId));
        } catch (DirectorySourceException e) {
            return failed(request, tenantId, null, e.errorCode(), "the consent could not be proven: "
                    + e.getMessage());
        }
        if (organization == null || !tenantId.equalsIgnoreCase(organization.id())) {
            return failed(request, tenantId, null, "tenant_mismatch", "the callback named tenant " + tenantId
                    + " but a token for it reads organization " + (organization == null ? "(none)"
                            : organization.id()) + "; the callback's tenant is not trusted, nothing was written");
        }
        ConnectRequest.Organization org = ConnectRequest.Organization.of(organization);
        String content;
        ConnectService.Validated validated;
        try {
            List<String> scope = connect.templateScope(request.tenant(), request.template());
            content = TenantFileText.render(request.tenant(), tenantId, request.template(), scope, List.of(),
                    List.of());
            validated = connect.validated(request.tenant(), content, "template");
        } catch (ProblemException e) {
            return failed(request, tenantId, org, "template_invalid", e.getMessage());
        }
        if (!validated.sameDirectory().isEmpty()) {
            return failed(request, tenantId, org, "tenant_already_connected", "the Entra tenant " + tenantId + " ("
                    + organization.displayName() + ") is already synced by " + validated.sameDirectory().get(0)
                    + "; a customer is connected once (two tenant files would sync its people twice), nothing was "
                    + "written");
        }
        TenantMapping mapping = validated.mapping();
        var check = JSON.valueToTree(checks.report(mapping.connection(), mapping.namedGroups()));
        try {
            ConnectRequest.TenantFile file = files.write(request.tenant(), content, null);
            return request.finished(Status.CONNECTED, tenantId, new Details(org, check, file, null));
        } catch (FileAlreadyExistsException e) {
            return request.finished(Status.FAILED, tenantId, new Details(org, check,
                    new ConnectRequest.TenantFile(e.getFile(), false, content), new Problem("file_exists",
                    "tenant '" + request.tenant() + "' got a mapping file while the consent was given; it was left "
                            + "alone")));
        }
    }

    private static ConnectRequest failed(ConnectRequest request, String tenantId, ConnectRequest.Organization org,
            String code, String description) {
        return request.finished(Status.FAILED, tenantId, new Details(org, null, null, new Problem(code, description)));
    }

    /** An error code for the log: Microsoft's are words, anything else the caller sent is not written as is. */
    private static String loggable(String code) {
        return code.matches("[A-Za-z0-9_.-]{1,64}") ? code : "(not a code)";
    }
}
