package io.entrasync.simulator;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings under {@code entra-sync.simulator.*} of the bundled Graph simulator (demo profile). The client secret
 * is a demo value, not a secret; it is still kept out of {@link #toString()}.
 *
 * @param enabled           starts the simulator with the application
 * @param port              loopback port (0 = a free one)
 * @param users             users of the demo tenant
 * @param groups            groups of the demo tenant
 * @param pageSize          items per delta page (Graph's default is 200)
 * @param seed              makes the demo directory deterministic
 * @param driftEvery        applies a little drift this often; 0 = never
 * @param driftOnEveryDelta applies a little drift before every delta round
 * @param latency           added to every Graph page
 * @param tenantId          the demo tenant id ({@code tenantId} of {@code mappings/demo.yaml})
 * @param clientId          the demo app's client id ({@code clientId} of {@code mappings/demo.yaml})
 * @param clientSecret      the demo secret the token endpoint accepts
 * @param keystoreDir       where the demo TLS keystore (not secret) and the demo secret file are written
 * @param domain            mail/UPN domain of the demo users
 * @param scopeGroup        root group of the helpdesk scope
 * @param siteGroups        site groups nested in the scope group
 * @param siteAdminsGroup   group of main site users
 * @param noAutoTicketsGroup group of users without automatic tickets
 */
@Validated
@ConfigurationProperties("entra-sync.simulator")
public record SimulatorProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("8443") @Min(0) @Max(65535) int port,
        @DefaultValue("300") @PositiveOrZero int users,
        @DefaultValue("40") @Min(8) int groups,
        @DefaultValue("200") @Min(1) @Max(999) int pageSize,
        @DefaultValue("42") long seed,
        @DefaultValue("30s") Duration driftEvery,
        @DefaultValue("false") boolean driftOnEveryDelta,
        @DefaultValue("0ms") Duration latency,
        @DefaultValue("00000000-0000-0000-0000-0000000000de") String tenantId,
        @DefaultValue("00000000-0000-0000-0000-0000000000c1") String clientId,
        @DefaultValue("demo-secret") String clientSecret,
        @DefaultValue("./data/simulator") Path keystoreDir,
        @DefaultValue("demo.example") String domain,
        @DefaultValue("Helpdesk Users") String scopeGroup,
        @DefaultValue({"Berlin Office", "Paris Office"}) List<String> siteGroups,
        @DefaultValue("Site Admins") String siteAdminsGroup,
        @DefaultValue("No Auto Tickets") String noAutoTicketsGroup) {

    SimulatorSettings settings() {
        return new SimulatorSettings(port, keystoreDir, pageSize, latency, driftEvery, driftOnEveryDelta, 4);
    }

    TenantRegistration registration() {
        return TenantRegistration.withSecret(tenantId, clientId, clientSecret);
    }

    DirectoryShape shape() {
        return new DirectoryShape(users, groups, seed, domain,
                new DirectoryShape.GroupNames(scopeGroup, siteGroups, siteAdminsGroup, noAutoTicketsGroup));
    }

    @Override
    public String toString() {
        return "SimulatorProperties[enabled=" + enabled + ", port=" + port + ", users=" + users + ", groups=" + groups
                + ", pageSize=" + pageSize + ", tenantId=" + tenantId + ", clientId=" + clientId
                + ", clientSecret=***, keystoreDir=" + keystoreDir + "]";
    }
}
