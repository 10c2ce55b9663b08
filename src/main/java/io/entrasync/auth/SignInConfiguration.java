package io.entrasync.auth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenValidator;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * ID tokens of the page's sign-in are checked like Spring's default ({@code iss}, {@code aud} = the client id,
 * {@code exp}/{@code iat}, {@code nonce}, the signature by the issuer's JWKS), but the JWKS is fetched through
 * {@link TrustedIssuer}'s HTTP client, so the simulator's certificate is trusted for its own address alone. Spring
 * Security's {@code oauth2Login} picks this factory up as a bean.
 */
@Configuration(proxyBeanMethods = false)
class SignInConfiguration {

    @Bean
    JwtDecoderFactory<ClientRegistration> idTokenDecoders(TrustedIssuer issuer) {
        Map<String, JwtDecoder> decoders = new ConcurrentHashMap<>();
        return registration -> decoders.computeIfAbsent(registration.getRegistrationId(), id -> {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(registration.getProviderDetails().getJwkSetUri())
                    .restOperations(issuer.restTemplate()).build();
            decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(),
                    new OidcIdTokenValidator(registration)));
            decoder.setClaimSetConverter(OidcIdTokenDecoderFactory.createDefaultClaimTypeConverter());
            return decoder;
        });
    }
}
