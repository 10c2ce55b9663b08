package io.entrasync.simulator;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The demo's MSP side under {@code entra-sync.simulator.msp.*}: the simulated multi-tenant app and its customer
 * tenants, so the demo can connect a customer through the admin-consent round trip. The client secret is a demo
 * value (written to {@code <keystore-dir>/msp-client-secret}); still kept out of {@link #toString()}.
 *
 * @param enabled      serves the MSP app and its customers (and configures the service's MSP app to use them)
 * @param clientId     the MSP app's client id
 * @param clientSecret the MSP app's demo secret
 * @param displayName  the app's name on the consent page
 * @param consentDelay how long after consent the token endpoint still answers AADSTS7000229
 * @param customers    the customer tenants; none given: Fabrikam and Northwind Traders ({@link CustomerTenant#DEMO})
 */
@Validated
@ConfigurationProperties("entra-sync.simulator.msp")
public record SimulatorMspProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("00000000-0000-0000-0000-00000000a11c") String clientId,
        @DefaultValue("demo-msp-secret") String clientSecret,
        @DefaultValue("entra-sync MSP (demo)") String displayName,
        @DefaultValue("3s") Duration consentDelay,
        List<@Valid Customer> customers) {

    /** File in the keystore directory holding the MSP app's demo secret ({@code ENTRA_SYNC_MSP_CLIENT_SECRET_FILE}). */
    static final String SECRET_FILE = "msp-client-secret";

    /**
     * One customer tenant; see {@link CustomerTenant}. Its id, name and domain are required: a customer left without
     * one fails start-up naming the setting ({@code customers[0].domain}), not with an exception of the simulator.
     */
    public record Customer(@NotBlank String tenantId, @NotBlank String name, @NotBlank String domain,
            @DefaultValue("40") @PositiveOrZero int users, @DefaultValue("20") int groups,
            @DefaultValue("1") long seed, List<String> sites) {
    }

    MspAppRegistration app() {
        return new MspAppRegistration(clientId, clientSecret, displayName, consentDelay);
    }

    List<CustomerTenant> customerTenants() {
        if (customers == null || customers.isEmpty()) {
            return CustomerTenant.DEMO;
        }
        return customers.stream().map(c -> new CustomerTenant(c.tenantId(), c.name(), c.domain(), c.users(),
                c.groups(), c.seed(), c.sites())).toList();
    }

    @Override
    public String toString() {
        return "SimulatorMspProperties[enabled=" + enabled + ", clientId=" + clientId + ", clientSecret=***, "
                + "consentDelay=" + consentDelay + ", customers=" + customerTenants().size() + "]";
    }
}
