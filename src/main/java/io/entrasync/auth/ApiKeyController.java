package io.entrasync.auth;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** API keys: created (the key answered once), listed without secrets, revoked. The role is in {@link RouteRoles}. */
@Tag(name = "API keys")
@RestController
class ApiKeyController {

    /** Body of {@code POST /api/keys}: role claim names, e.g. {@code ["EntraSync.InboundMail"]}. */
    record NewKey(String name, List<String> roles, Instant expiresAt) {
    }

    private final ApiKeys keys;

    ApiKeyController(ApiKeys keys) {
        this.keys = keys;
    }

    @Operation(operationId = "createApiKey", summary = "Create an API key",
            description = "Creates a key with a name, roles and an optional expiry (201); the secret is in this answer "
            + "only, stored as a hash. A key may be limited to inbound mail.")
    @ApiResponse(responseCode = "201", description = "Created; the only answer that holds the secret.",
            useReturnTypeSchema = true)
    @PostMapping("/api/keys")
    ResponseEntity<ApiKeys.CreatedKey> create(@RequestBody NewKey body) {
        Caller creator = Caller.current().orElseThrow();
        ApiKeys.CreatedKey created = keys.create(body.name(), body.roles(), body.expiresAt(), creator);
        return ResponseEntity.created(URI.create("/api/keys/" + created.id()))
                .header("Cache-Control", "no-store")
                .body(created);
    }

    @Operation(operationId = "listApiKeys", summary = "List API keys",
            description = "Every key without its secret: roles, creator, expiry, last use and revocation.")
    @GetMapping("/api/keys")
    List<ApiKeys.ApiKey> list() {
        return keys.list();
    }

    @Operation(operationId = "revokeApiKey", summary = "Revoke an API key",
            description = "Revokes the key at once and answers it, revoked. 404 for an unknown key.")
    @DeleteMapping("/api/keys/{keyId}")
    ApiKeys.ApiKey revoke(@PathVariable("keyId") long id) {
        return keys.revoke(id);
    }
}
