package io.entrasync.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.support.ApiClient;
import io.entrasync.support.OidcTestProvider;
import io.entrasync.support.PageSession;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The issuer's discovery document is read once per service, by whichever comes first, and shared: bearer tokens
 * (for the JWKS location) and the page's sign-in (for the client registration) do not each fetch it. A fresh service
 * (its own context) so that nothing before this test has fetched it yet.
 */
@OidcIntegrationTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.BEFORE_CLASS)
class IssuerDiscoveryTest {

    private static final OidcTestProvider PROVIDER = OidcTestProvider.get();

    @LocalServerPort
    int port;

    @Test
    void bearerTokensAndTheSignIn_shareOneFetchOfTheDiscoveryDocument() {
        int before = PROVIDER.discoveryRequests();

        assertThat(new ApiClient(port, PROVIDER.token("reader")).get("/api/users").status()).isEqualTo(200);
        assertThat(PROVIDER.discoveryRequests()).as("fetched on the first token").isEqualTo(before + 1);

        URI landed = new PageSession(port).signIn("ada", OidcTestProvider.PEOPLE.get("ada").password());
        assertThat(landed.getPath()).isEqualTo("/");
        assertThat(landed.getQuery()).as("signed in").isNull();
        assertThat(new ApiClient(port, PROVIDER.token("operator")).get("/api/tenants").status()).isEqualTo(200);

        assertThat(PROVIDER.discoveryRequests()).as("not fetched again by the sign-in or later tokens")
                .isEqualTo(before + 1);
    }
}
