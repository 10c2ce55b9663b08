package io.entrasync.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.entrasync.notify.NotificationStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fleet's states, and the notifications-broken rule the alerts share with it. */
class TenantConditionsTest {

    static final Instant NOW = Instant.parse("2030-06-01T12:00:00Z");
    final FleetProperties properties = new FleetProperties(3, Duration.ofHours(24));

    static NotificationStatus notifications(boolean enabled, boolean active, Instant expiresAt, String... errors) {
        return new NotificationStatus(enabled, active, expiresAt, null, null, 0, List.of(errors));
    }

    @Test
    void anExpiredSubscription_isBroken_withAReason() {
        NotificationStatus expired = notifications(true, false, NOW.minus(Duration.ofHours(1)));

        assertThat(TenantConditions.notificationProblem(expired)).contains("expired");
        assertThat(new TenantConditions(true, false, 0, expired, NOW).states(properties, NOW))
                .containsExactly(TenantState.NOTIFICATIONS_BROKEN);
    }

    @Test
    void aRecordedError_isTheReason() {
        assertThat(TenantConditions.notificationProblem(notifications(true, true, NOW, "renewal refused: 403")))
                .isEqualTo("renewal refused: 403");
    }

    @Test
    void notSubscribedYet_activeOrUnknown_isNotBroken() {
        assertThat(TenantConditions.notificationProblem(notifications(true, false, null))).isNull();
        assertThat(TenantConditions.notificationProblem(notifications(true, true, NOW.plusSeconds(60)))).isNull();
        assertThat(TenantConditions.notificationProblem(notifications(false, false, null))).isNull();
        assertThat(TenantConditions.notificationProblem(null)).isNull();
    }

    @Test
    void eachStateHasOneDefinition_andStatesListsExactlyThoseThatHold() {
        NotificationStatus expired = notifications(true, false, NOW.minus(Duration.ofHours(1)));
        List<TenantConditions> tenants = List.of(
                new TenantConditions(true, false, 0, null, NOW),
                new TenantConditions(true, true, 3, expired, null),
                new TenantConditions(false, false, 0, null, null),
                new TenantConditions(true, false, 2, null, NOW.minus(Duration.ofHours(25))));

        for (TenantConditions tenant : tenants) {
            for (TenantState state : TenantState.values()) {
                assertThat(tenant.states(properties, NOW).contains(state)).as(tenant + " " + state)
                        .isEqualTo(tenant.in(state, properties, NOW));
            }
        }
        assertThat(tenants.get(1).states(properties, NOW)).containsExactlyInAnyOrder(TenantState.HELD,
                TenantState.FAILING, TenantState.NOTIFICATIONS_BROKEN, TenantState.NEVER_SYNCED);
        assertThat(tenants.get(2).states(properties, NOW)).as("invalid says why; never-synced would only repeat it")
                .containsExactly(TenantState.INVALID);
        assertThat(tenants.get(3).states(properties, NOW)).containsExactly(TenantState.STALE);
    }
}
