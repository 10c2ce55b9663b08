package io.entrasync.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import io.entrasync.support.ApiClient;
import io.entrasync.support.OidcTestProvider;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Access tokens of the configured issuer, against the real OIDC provider of the test: only tokens it signed, for
 * this service's audience, within their lifetime, are accepted; roles come from the {@code roles} claim; a rotated
 * signing key is picked up by fetching the JWKS again.
 */
@OidcIntegrationTest
class IssuerTokenTest {

    private static final OidcTestProvider PROVIDER = OidcTestProvider.get();
    private static final List<String> ADMIN = List.of("EntraSync.Admin");

    @LocalServerPort
    int port;

    @Autowired
    AuditTrail trail;

    private ApiClient as(String token) {
        return new ApiClient(port, token);
    }

    @Test
    void aTokenOfTheIssuer_isAccepted_withTheRolesOfItsClaim() {
        assertThat(as(PROVIDER.token("reader")).get("/api/users").status()).isEqualTo(200);
        assertThat(as(PROVIDER.sign(PROVIDER.claims(ADMIN).build())).get("/api/keys").status()).isEqualTo(200);
    }

    @Test
    void tokensTheIssuerDidNotSignForUsNow_are401() {
        Instant now = Instant.now();
        var signedByAnotherKeyWithTheSameKid = OidcTestProvider.sign(
                OidcTestProvider.newKey(PROVIDER.currentKey().getKeyID()), PROVIDER.claims(ADMIN).build());
        var expired = PROVIDER.sign(PROVIDER.claims(ADMIN).issueTime(Date.from(now.minusSeconds(3600)))
                .notBeforeTime(Date.from(now.minusSeconds(3600))).expirationTime(Date.from(now.minusSeconds(600)))
                .build());
        var notYetValid = PROVIDER.sign(PROVIDER.claims(ADMIN).notBeforeTime(Date.from(now.plusSeconds(600)))
                .expirationTime(Date.from(now.plusSeconds(900))).build());
        var wrongAudienceFromTheProvider = PROVIDER.token("foreign-audience");
        var wrongAudience = PROVIDER.sign(PROVIDER.claims(ADMIN).audience("api://another-app").build());
        var foreignIssuer = PROVIDER.sign(PROVIDER.claims(ADMIN).issuer("https://login.example.net/other/v2.0").build());
        var unsigned = new PlainJWT(new PlainHeader(), PROVIDER.claims(ADMIN).build()).serialize();
        var noExpiry = PROVIDER.sign(new JWTClaimsSet.Builder(PROVIDER.claims(ADMIN).build()).expirationTime(null)
                .build());

        for (String token : List.of(signedByAnotherKeyWithTheSameKid, expired, notYetValid,
                wrongAudienceFromTheProvider, wrongAudience, foreignIssuer, unsigned, noExpiry, "not.a.jwt",
                "garbage")) {
            var answer = as(token).get("/api/users");
            assertThat(answer.status()).as(token).isEqualTo(401);
            assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
            assertThat(answer.body()).doesNotContain(token);
        }
    }

    @Test
    void aValidTokenWithoutARoleOfThisService_is403() {
        var answer = as(PROVIDER.token("no-role")).get("/api/users");

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.json().get("detail").asString()).contains("EntraSync.Reader", "no role of this service");
    }

    @Test
    void rolesAddUp() {
        ApiClient readerApprover = as(PROVIDER.token("reader-approver"));

        assertThat(readerApprover.post("/api/sync-runs/999999/approve", "{}").status()).isNotIn(401, 403);
        assertThat(readerApprover.get("/api/tenants").status()).isEqualTo(200);
        assertThat(readerApprover.post("/api/tenants/x/sync", "{}").status()).isEqualTo(403);
    }

    @Test
    void aRotatedSigningKey_isFetchedWhenATokenNamesIt() {
        assertThat(as(PROVIDER.token("reader")).get("/api/users").status()).isEqualTo(200);
        int fetchesBefore = PROVIDER.jwksRequests();

        String kid = PROVIDER.rotate();
        String token = PROVIDER.token("reader");

        assertThat(token).isNotNull();
        assertThat(as(token).get("/api/users").status()).isEqualTo(200);
        assertThat(PROVIDER.jwksRequests()).as("JWKS fetched again for kid " + kid).isGreaterThan(fetchesBefore);
        int fetchesAfter = PROVIDER.jwksRequests();
        assertThat(as(token).get("/api/users").status()).isEqualTo(200);
        assertThat(PROVIDER.jwksRequests()).as("then cached").isEqualTo(fetchesAfter);
    }

    @Test
    void theCallerOfAToken_isNamedInTheAuditTrail() {
        as(PROVIDER.token("operator")).post("/api/tenants/nobody/check", "{}");

        var entries = trail.find(new AuditTrail.Query("oid-operator", "check", null, null, null), 0, 10);
        assertThat(entries).isNotEmpty();
        assertThat(entries.get(0).actor()).isEqualTo(new Caller(Caller.Kind.USER, "oid-operator", "operator"));
        assertThat(entries.get(0).target()).isEqualTo("tenant=nobody");
    }
}
