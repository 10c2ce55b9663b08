package io.entrasync.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API's OpenAPI description at {@code /v3/api-docs} (springdoc, generated from the controllers): the admin
 * bearer token as the security scheme, and the RFC 9457 problem shape as every operation's 4XX/5XX answer.
 */
@Configuration
class OpenApiDescription {

    static final String PROBLEM = "Problem";

    @Bean
    OpenAPI entraSyncOpenApi() {
        return new OpenAPI()
                .info(new Info().title("entra-sync").description("Keeps a helpdesk's end-user directory in step with "
                        + "Microsoft Entra ID. Every error is application/problem+json.").version("v1"))
                .components(new Components().addSecuritySchemes("adminToken", new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("the admin token (ENTRA_SYNC_ADMIN_TOKEN), an API key (esk_…) or an access token "
                                + "of the configured issuer; each route needs a role (README: \"Who may call\")")))
                .addSecurityItem(new SecurityRequirement().addList("adminToken"));
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
