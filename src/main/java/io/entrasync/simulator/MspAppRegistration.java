package io.entrasync.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * The MSP's multi-tenant app registration in the simulator: the app customer admins consent to on
 * {@code /organizations/v2.0/adminconsent}, then used for each consented {@link CustomerTenant}.
 *
 * @param clientId         the app's Application (client) id
 * @param clientSecret     its client secret (a demo value; kept out of {@link #toString()})
 * @param displayName      the name the consent page shows
 * @param propagationDelay how long after consent the token endpoint still answers AADSTS7000229 (the new service
 *                         principal is still propagating, as in Entra ID)
 */
public record MspAppRegistration(String clientId, String clientSecret, String displayName, Duration propagationDelay) {

    public MspAppRegistration {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        displayName = displayName == null || displayName.isBlank() ? "entra-sync" : displayName;
        propagationDelay = propagationDelay == null ? Duration.ZERO : propagationDelay;
        if (propagationDelay.isNegative()) {
            throw new IllegalArgumentException("propagationDelay must not be negative");
        }
    }

    @Override
    public String toString() {
        return "MspAppRegistration[clientId=" + clientId + ", clientSecret=***, displayName=" + displayName
                + ", propagationDelay=" + propagationDelay + "]";
    }
}
