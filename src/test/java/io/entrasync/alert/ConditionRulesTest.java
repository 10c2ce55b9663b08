package io.entrasync.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entrasync.fleet.FleetProperties;
import io.entrasync.fleet.TenantState;
import io.entrasync.notify.NotificationStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConditionRulesTest {

    static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    final ConditionRules rules = new ConditionRules(new FleetProperties(3, Duration.ofHours(24)), Duration.ofDays(1));

    @Test
    void aHealthyTenant_hasNoCondition() {
        assertThat(rules.evaluate(TenantFacts.healthy("acme"), NOW)).isEmpty();
    }

    @Test
    void failuresBelowTheThreshold_areNotFailing_atTheThresholdThey_are() {
        TenantFacts two = new TenantFacts("acme", null, false, null, 2, "boom", null, null, null);
        TenantFacts three = new TenantFacts("acme", null, false, null, 3, "boom", null, null, null);

        assertThat(rules.evaluate(two, NOW)).isEmpty();
        assertThat(rules.evaluate(three, NOW)).containsOnlyKeys(TenantCondition.FAILING);
        assertThat(rules.evaluate(three, NOW).get(TenantCondition.FAILING)).contains("3 runs in a row", "boom");
    }

    @Test
    void aPendingHold_remindsAfterADay_aRejectedOneDoesNot() {
        TenantFacts fresh = new TenantFacts("acme", NOW.minus(Duration.ofHours(23)), true, "too many", 0, null, null,
                null, null);
        TenantFacts old = new TenantFacts("acme", NOW.minus(Duration.ofHours(25)), true, "too many", 0, null, null,
                null, null);
        TenantFacts rejected = new TenantFacts("acme", NOW.minus(Duration.ofDays(3)), false, "too many", 0, null, null,
                null, null);

        assertThat(rules.evaluate(fresh, NOW)).containsOnlyKeys(TenantCondition.HELD);
        assertThat(rules.evaluate(old, NOW)).containsOnlyKeys(TenantCondition.HELD, TenantCondition.HOLD_WAITING);
        assertThat(rules.evaluate(old, NOW).get(TenantCondition.HOLD_WAITING)).contains("25 hours");
        assertThat(rules.evaluate(rejected, NOW)).containsOnlyKeys(TenantCondition.HELD);
    }

    @Test
    void anInvalidMappingAndBrokenNotifications_areTheirOwnConditions() {
        TenantFacts facts = new TenantFacts("acme", null, false, null, 0, null, "acme.yaml:2:1: schedule: bad",
                new NotificationStatus(true, true, NOW, null, null, 0, List.of("renewal refused")), null);

        assertThat(rules.evaluate(facts, NOW)).containsOnlyKeys(TenantCondition.MAPPING_INVALID,
                TenantCondition.NOTIFICATIONS_BROKEN);
        assertThat(rules.evaluate(facts, NOW).get(TenantCondition.NOTIFICATIONS_BROKEN)).isEqualTo("renewal refused");
        assertThat(rules.evaluate(facts, NOW).get(TenantCondition.MAPPING_INVALID)).isEqualTo("acme.yaml:2:1: schedule: bad");
    }

    @Test
    void eachConditionWithAFleetTwin_isOpenExactlyWhenTheFleetViewShowsThatState() {
        NotificationStatus expired = new NotificationStatus(true, false, NOW.minusSeconds(60), null, null, 0, List.of());
        List<TenantFacts> tenants = List.of(TenantFacts.healthy("ok"),
                new TenantFacts("held", NOW.minusSeconds(60), true, "too many", 0, null, null, null, NOW),
                new TenantFacts("two", null, false, null, 2, "boom", null, null, NOW),
                new TenantFacts("three", null, false, null, 3, "boom", null, null, null),
                new TenantFacts("invalid", null, false, null, 0, null, "bad", null, null),
                new TenantFacts("expired", null, false, null, 0, null, null, expired, NOW),
                new TenantFacts("all", NOW.minusSeconds(60), false, "x", 5, "boom", "bad", expired, null));

        for (TenantFacts tenant : tenants) {
            Set<TenantCondition> open = rules.evaluate(tenant, NOW).keySet();
            Set<TenantState> shown = tenant.conditions().states(rules.fleet(), NOW);
            for (TenantCondition condition : TenantCondition.values()) {
                if (condition.fleetState() != null) {
                    assertThat(open.contains(condition)).as(tenant.tenant() + " " + condition)
                            .isEqualTo(shown.contains(condition.fleetState()));
                }
            }
        }
    }

    @Test
    void theGaugeTagsASharedConditionWithTheFleetsKey_andOnlyTheReminderHasNone() {
        assertThat(TenantCondition.values()).extracting(TenantCondition::state)
                .containsExactly("held", "failing", "invalid", "notifications-broken", "hold-waiting");
        assertThat(TenantCondition.values()).filteredOn(c -> c.fleetState() == null)
                .containsExactly(TenantCondition.HOLD_WAITING);
    }

    @Test
    void aThresholdBelowOne_isRefused() {
        assertThatThrownBy(() -> new ConditionRules(new FleetProperties(0, Duration.ofHours(24)), Duration.ofDays(1)))
                .hasMessageContaining("failing-after");
    }

    @Test
    void resolvedAndOpenedMessages_nameTheTenantAndLinkThePage() {
        Alert opened = new Alert(1, "acme", TenantCondition.HELD, Alert.Event.OPENED, "held since x", NOW);
        Alert resolved = new Alert(2, "acme", TenantCondition.HELD, Alert.Event.RESOLVED, "held since x", NOW);

        assertThat(opened.text(java.net.URI.create("https://sync.example.org/")))
                .isEqualTo("entra-sync: tenant 'acme' is held\nheld since x\nOpen the admin page: https://sync.example.org/");
        assertThat(resolved.title()).isEqualTo("entra-sync: resolved: tenant 'acme' is no longer held");
        assertThat(resolved.text(null)).isEqualTo("entra-sync: resolved: tenant 'acme' is no longer held\nWas: held since x");
    }
}
