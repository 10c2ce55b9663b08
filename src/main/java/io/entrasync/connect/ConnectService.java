package io.entrasync.connect;

import io.entrasync.auth.Caller;
import io.entrasync.mapping.MappingError;
import io.entrasync.mapping.MappingRegistry;
import io.entrasync.mapping.MspApp;
import io.entrasync.mapping.TenantMapping;
import io.entrasync.mapping.TenantMappingStatus;
import io.entrasync.problem.ConflictException;
import io.entrasync.problem.InvalidInputException;
import io.entrasync.problem.NotFoundException;
import io.entrasync.source.TenantConnection;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * Starting a connect request and what the page reads of it: checks the tenant key, the template and the MSP app,
 * stores the request with a fresh state and builds the admin-consent URL of the MSP app's cloud (Microsoft identity
 * platform v2.0, {@code /organizations/v2.0/adminconsent}).
 */
@Service
class ConnectService {

    static final String DEFAULT_TEMPLATE = "_msp-default";
    /** A placeholder tenant id for checking a template before the tenant's id is known. */
    private static final String ANY_TENANT_ID = "00000000-0000-0000-0000-000000000000";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MappingRegistry registry;
    private final ConnectRequests requests;
    private final TenantFiles files;
    private final ConnectProperties properties;
    private final ConnectTime time;

    ConnectService(MappingRegistry registry, ConnectRequests requests, TenantFiles files, ConnectProperties properties,
            ConnectTime time) {
        this.registry = registry;
        this.requests = requests;
        this.files = files;
        this.properties = properties;
        this.time = time;
    }

    /** What {@code POST /api/tenants/connect} answers. */
    record Started(String id, String tenant, String template, String consentUrl, String state, Instant expiresAt) {
    }

    /**
     * @param requestBase the request's own base URL, used when {@code entra-sync.connect.public-url} is unset
     */
    Started start(String tenant, String template, Caller caller, String requestBase) {
        MspApp msp = registry.mspApp().orElseThrow(MspAppMissingException::new);
        String key = tenant == null ? "" : tenant.strip();
        if (!MappingRegistry.isTenantKey(key)) {
            throw new InvalidInputException("tenant", "tenant '" + key + "' is not a tenant key: lower-case letters, "
                    + "digits and dashes ([a-z0-9-]+, not 'orphaned'), as the mapping file will be named <tenant>.yaml");
        }
        String templateName = template == null || template.isBlank() ? DEFAULT_TEMPLATE : template.strip();
        if (!MappingRegistry.isTemplateName(templateName)) {
            throw new InvalidInputException("template", "template '" + templateName + "' is not a template name: _ "
                    + "then lower-case letters, digits and dashes, as its file mappings/_<name>.yaml");
        }
        if (files.exists(key) || registry.all().stream().anyMatch(s -> key.equals(s.tenant()))) {
            throw new ConflictException("tenant", "tenant '" + key + "' already has a mapping file ("
                    + files.fileOf(key) + "); connect a new tenant key, or edit that file");
        }
        if (files.template(templateName).isEmpty()) {
            throw new InvalidInputException("template", "the template file " + registry.directory().resolve(
                    templateName + ".yaml") + " does not exist; put the template there first (README: \"Connecting "
                    + "a customer\")");
        }
        registry.refresh(); // a template put in place a moment ago is checked as it is now
        templateScope(key, templateName);
        Instant now = time.now();
        String state = random(32);
        ConnectRequest request = new ConnectRequest(random(16), key, templateName, caller, now,
                now.plus(properties.stateLifetime()), null, ConnectRequest.Status.WAITING, null,
                ConnectRequest.Details.NONE);
        requests.insert(request, state);
        String base = properties.publicBase() != null ? properties.publicBase() : stripSlash(requestBase);
        return new Started(request.id(), key, templateName, consentUrl(msp, base, state), state,
                request.expiresAt());
    }

    /** The request {@code id}. */
    ConnectRequest request(String id) {
        return requests.byId(id).orElseThrow(() -> new NotFoundException("id", "no connect request has id '" + id
                + "'"));
    }

    /**
     * The template's scope groups, from the tenant file as it would be generated without a scope of its own; the
     * template's errors (file and line) make the request invalid.
     */
    List<String> templateScope(String tenant, String template) {
        String probe = TenantFileText.render(tenant, ANY_TENANT_ID, template, List.of(), List.of(), List.of())
                .replaceAll("(?m)^scope:.*\\n", "");
        TenantMappingStatus status = registry.check(files.fileOf(tenant).toString(), probe).status();
        TenantMapping mapping = status.validMapping().orElseThrow(() -> new InvalidInputException("template",
                "the template " + template + " cannot be used: " + describe(status.errors())));
        return mapping.scope().groups();
    }

    /** A generated tenant file as checked: its mapping, and the files of other tenant keys reading its directory. */
    record Validated(TenantMapping mapping, List<String> sameDirectory) {
    }

    /**
     * Checks a generated file as {@code POST /api/mappings/validate} does; its errors (file and line, template or
     * tenant file) make it a 400 of {@code field}. A loaded file of another tenant key that reads the same directory
     * is answered, not thrown: the callback refuses to connect a customer twice.
     */
    Validated validated(String tenant, String content, String field) {
        MappingRegistry.Checked checked = registry.check(files.fileOf(tenant).toString(), content);
        TenantMappingStatus status = checked.status();
        TenantMapping mapping = status.validMapping().orElseThrow(() -> new InvalidInputException(field,
                "the generated tenant file is invalid: " + describe(status.errors())));
        return new Validated(mapping, checked.sameDirectory().stream().map(TenantMappingStatus::file).toList());
    }

    /** The connection of tenant {@code tenant} ({@code tenantId}) through the MSP app. */
    TenantConnection connection(String tenant, String tenantId) {
        return registry.mspApp().orElseThrow(MspAppMissingException::new).connection(tenant, tenantId);
    }

    static String consentUrl(MspApp msp, String publicBase, String state) {
        TenantConnection app = msp.connection("msp", ANY_TENANT_ID);
        return stripSlash(app.effectiveAuthorityHost()) + "/organizations/v2.0/adminconsent"
                + "?client_id=" + encode(msp.clientId())
                + "&scope=" + encode(stripSlash(app.effectiveGraphEndpoint()) + "/.default")
                + "&redirect_uri=" + encode(publicBase + ConsentCallbackController.PATH)
                + "&state=" + encode(state);
    }

    private static String describe(List<MappingError> errors) {
        return errors.stream().map(MappingError::toString).collect(Collectors.joining("; "));
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String stripSlash(String url) {
        return url != null && url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** No MSP app is configured: connecting needs one (409, problem type {@code …/msp-app-missing}). */
    static final class MspAppMissingException extends ConflictException {
        MspAppMissingException() {
            super("tenant", "no MSP app is configured: connecting a customer needs the MSP's multi-tenant app "
                    + "(ENTRA_SYNC_MSP_CLIENT_ID with ENTRA_SYNC_MSP_CLIENT_SECRET_FILE, or a certificate; README: "
                    + "\"Connecting a customer\")");
        }
    }
}
