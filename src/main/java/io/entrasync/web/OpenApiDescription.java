package io.entrasync.web;

import io.entrasync.auth.Role;
import io.entrasync.auth.RouteRoles;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API's OpenAPI description at {@code /v3/api-docs} (springdoc, generated from the controllers): the bearer
 * credential as the security scheme, the declared tags, the RFC 9457 problem shape as every operation's 4XX/5XX
 * answer, and each operation's least role from {@link RouteRoles} (so a new route's role is never hand-written in a
 * controller). Controllers carry only {@code @Operation(summary, description)} and a tag; {@code OpenApiTest} keeps
 * the description lint-clean (Redocly's {@code recommended}, Spectral's {@code spectral:oas}).
 */
@Configuration
class OpenApiDescription {

    static final String PROBLEM = "Problem";
    static final String SECURITY_SCHEME = "adminToken";
    /** The extension naming an operation's least role, e.g. {@code "x-required-role": "EntraSync.Operator"}. */
    static final String REQUIRED_ROLE = "x-required-role";

    /** The tags operations may use, in the order a reader meets them; an operation's tag must be one of these. */
    static final Map<String, String> TAGS = pairs(
            "Users", "End users of the helpdesk: list, read, create and edit by hand, deactivate and activate, their "
                    + "tickets, and why the sync placed a synced user where it is.",
            "Tickets", "Open a ticket for a user.",
            "Sites and departments", "Sites (with their email domains and main user) and departments users belong to.",
            "Tenants", "Entra ID tenants, one per mapping file: state, last run, hold, connection check, tenants "
                    + "that lost their mapping file (orphaned), and connecting a customer tenant by the MSP app's "
                    + "admin consent (start, outcome, group picker).",
            "Runs and holds", "Sync runs (start, history, per-user changes) and the deletion guard's holds: approve "
                    + "or reject a held plan, release a hold.",
            "Mappings", "Check a mapping file before putting it in place.",
            "Inbound mail", "Mail the helpdesk received: post it (the mail gateway), list it, assign a message that "
                    + "waits for a site.",
            "Import", "Bulk upsert of users from CSV.",
            "Settings", "Helpdesk-wide settings.",
            "API keys", "Keys for automation (create, list, revoke); a key holds roles like a user.",
            "Audit", "The audit trail of every mutating call, approval decision and refused call.",
            "Alerts", "Tenants that need a person now (held, failing, invalid mapping, broken notifications, a plan "
                    + "waiting too long) and the alerts sent about them, with each delivery's state.");

    @Bean
    OpenAPI entraSyncOpenApi() {
        OpenAPI api = new OpenAPI()
                .info(new Info().title("entra-sync").version("v1")
                        .description("Keeps a helpdesk's end-user directory in step with Microsoft Entra ID: sync "
                                + "runs per tenant (mapping files), manual users, tickets, inbound mail and CSV import."
                                + "\n\nEvery call needs `Authorization: Bearer <credential>`: the admin token, an API "
                                + "key or an access token of the configured OpenID Connect issuer. Each operation "
                                + "names the least role it needs (its description and `" + REQUIRED_ROLE + "`); "
                                + "higher roles include lower ones (Admin may call everything, Operator and Approver "
                                + "may read). No credential or an invalid one is 401, a role too low is 403."
                                + "\n\nEvery error is RFC 9457 `application/problem+json`: `detail` says what is "
                                + "wrong, `field` names the offending input.")
                        .contact(new Contact().name("entra-sync maintainers (see the README)"))
                        .license(new License().name("Apache-2.0").identifier("Apache-2.0")))
                // relative: the service that served this description, whatever host or proxy path it was reached by
                .servers(List.of(new Server().url("/").description("this entra-sync service")))
                .components(new Components().addSecuritySchemes(SECURITY_SCHEME, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("the admin token (ENTRA_SYNC_ADMIN_TOKEN), an API key (esk_…) or an access token "
                                + "of the configured issuer; each route needs a role (README: \"Who may call\")")))
                .addSecurityItem(new SecurityRequirement().addList(SECURITY_SCHEME));
        TAGS.forEach((name, description) -> api.addTagsItem(new Tag().name(name).description(description)));
        return api;
    }

    /**
     * Adds each operation's least role from the one route table: a sentence in the description and the
     * {@value #REQUIRED_ROLE} extension. A route the table lacks needs Admin, as {@code RouteRoles} decides. The role
     * is not put in the security requirement's list: OpenAPI 3.1 allows role names there, but Spectral's
     * {@code spectral:oas} rules read them as OAuth scopes and warn for each operation.
     */
    @Bean
    OpenApiCustomizer requiredRoles() {
        return openApi -> openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach(
                (method, operation) -> {
                    Role role = RouteRoles.routes().stream()
                            .filter(r -> r.pattern().equals(path) && r.method().name().equals(method.name()))
                            .map(RouteRoles.Route::role).findFirst().orElse(Role.ADMIN);
                    String sentence = "Requires role `" + role.claim() + "`" + alsoHeldBy(role) + ".";
                    String text = operation.getDescription();
                    if (text == null || text.isBlank()) {
                        operation.setDescription(sentence);
                    } else if (!text.endsWith(sentence)) { // idempotent, should a description be customized again
                        operation.setDescription(text + "\n\n" + sentence);
                    }
                    operation.addExtension(REQUIRED_ROLE, role.claim());
                }));
    }

    /**
     * What a parameter means, by its name (path variables and query parameters keep one meaning across the API);
     * given to every parameter springdoc left without a description.
     */
    static final Map<String, String> PARAMETERS = pairs(
            "userId", "the user's id",
            "siteId", "the site's id",
            "departmentId", "the department's id",
            "runId", "the run's id",
            "messageId", "the received message's id",
            "keyId", "the API key's id",
            "tenant", "the tenant key: the name of its mapping file",
            "page", "the page number, from 0",
            "size", "the page size: 1 to 500 (1 to 1,000 for a run's changes); 400 outside",
            "limit", "at most this many entries, newest first: 1 to 500 (1 to 1,000 for main user changes); 400 "
                    + "outside",
            "site", "only users of this site (its id)",
            "email", "an address with @ matches the whole address exactly, anything else a substring; any case",
            "active", "only active (true) or deactivated (false) users",
            "q", "a substring of the email or name, any case",
            "kind", "only changes of this kind: CREATE, UPDATE, LINK, MOVE, DEACTIVATE, REACTIVATE, SKIP, FAILED "
                    + "or RELEASE",
            "outcome", "only messages with this outcome (UNASSIGNED: waiting for a site)",
            "file", "the file name to report errors under",
            "actor", "a substring of the actor's id or name, or its kind (e.g. admin-token); any case",
            "action", "a substring of the action, e.g. POST /api/users; any case",
            "target", "a substring of the target, e.g. a user id; any case",
            "from", "events at or after this instant or date (UTC)",
            "to", "events before this instant or date (UTC)");

    /** OpenAPI ignores header parameters of these names: the media types and the security scheme say them. */
    private static final Set<String> IGNORED_HEADERS = Set.of("accept", "content-type", "authorization");

    /**
     * Describes each parameter from {@link #PARAMETERS} (when springdoc has no description for it) and drops the
     * header parameters OpenAPI ignores, which springdoc lists for controllers that read those headers.
     */
    @Bean
    OpenApiCustomizer parameterDescriptions() {
        return openApi -> openApi.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
            if (operation.getParameters() == null) {
                return;
            }
            operation.getParameters().removeIf(parameter -> "header".equals(parameter.getIn())
                    && IGNORED_HEADERS.contains(parameter.getName().toLowerCase(java.util.Locale.ROOT)));
            operation.getParameters().forEach(parameter -> {
                if (parameter.getDescription() == null && PARAMETERS.containsKey(parameter.getName())) {
                    parameter.setDescription(PARAMETERS.get(parameter.getName()));
                }
            });
            if (operation.getParameters().isEmpty()) {
                operation.setParameters(null);
            }
        }));
    }

    /** The higher roles that include {@code role}, e.g. " (also granted by `EntraSync.Admin`)". */
    private static String alsoHeldBy(Role role) {
        List<String> higher = java.util.Arrays.stream(Role.values())
                .filter(r -> r != role && Role.expand(Set.of(r)).contains(role))
                .map(r -> "`" + r.claim() + "`").toList();
        return higher.isEmpty() ? "" : " (also granted by " + String.join(", ", higher) + ")";
    }

    /** An ordered map of name, description pairs. */
    private static Map<String, String> pairs(String... nameThenDescription) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 0; i < nameThenDescription.length; i += 2) {
            tags.put(nameThenDescription[i], nameThenDescription[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(tags);
    }

    /**
     * Runs after springdoc has generated the description: adds the problem schema and answers to every operation, so
     * clients can generate one error type for all of them, and describes the user body (read field by field as a
     * JSON tree, which springdoc would show as the tree's Java properties).
     */
    @Bean
    OpenApiCustomizer problemAnswers() {
        return openApi -> {
            openApi.getComponents().addSchemas(PROBLEM, problemSchema());
            if (openApi.getComponents().getSchemas().containsKey("JsonNode")) {
                openApi.getComponents().addSchemas("JsonNode", userSchema());
            }
            openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
                for (String code : new String[]{"4XX", "5XX"}) {
                    operation.getResponses().addApiResponse(code, new ApiResponse()
                            .description(code.equals("4XX") ? "the request was refused; detail and field say why"
                                    : "internal error")
                            .content(new Content().addMediaType("application/problem+json", new MediaType()
                                    .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
                }
            }));
        };
    }

    private static Schema<?> userSchema() {
        ObjectSchema user = new ObjectSchema();
        user.description("a user's fields: on POST email and siteId are required; PATCH is a JSON merge patch "
                + "(an absent field is kept, null clears it); unknown fields are refused");
        for (String field : new java.util.TreeSet<>(io.entrasync.directory.UserDraft.FIELDS)) {
            Schema<?> type = field.endsWith("Id") && !field.equals("agentId") ? new IntegerSchema().format("int64")
                    : field.equals("mainSiteUser") || field.equals("autoTicketDisabled")
                    ? new io.swagger.v3.oas.models.media.BooleanSchema() : new StringSchema();
            user.addProperty(field, type);
        }
        user.addProperty("confirmWeak", new io.swagger.v3.oas.models.media.BooleanSchema().description("PATCH only: "
                + "true confirms making a WEAK (email-created, unverified) account main site user; without it that "
                + "change answers 409 (field confirmWeak)"));
        return user;
    }

    private static Schema<?> problemSchema() {
        Schema<?> problem = new ObjectSchema().description("RFC 9457 problem details, as application/problem+json")
                .addProperty("type", new StringSchema().example("about:blank"))
                .addProperty("title", new StringSchema().example("Bad Request"))
                .addProperty("status", new IntegerSchema().example(400))
                .addProperty("detail", new StringSchema().example("source must be one of EMAIL, PORTAL, PHONE, HOTKEY"))
                .addProperty("instance", new StringSchema().example("/api/tickets"))
                .addProperty("field", new StringSchema().description("the offending field, query parameter or path "
                        + "variable in the API's words, when there is one").example("source"));
        return problem;
    }
}
