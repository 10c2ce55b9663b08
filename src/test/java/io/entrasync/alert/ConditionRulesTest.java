package io.entrasync.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConditionRulesTest {

    static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    final ConditionRules rules = new ConditionRules(3, Duration.ofDays(1));

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
                "renewal refused", null);

        assertThat(rules.evaluate(facts, NOW)).containsOnlyKeys(TenantCondition.MAPPING_INVALID,
                TenantCondition.NOTIFICATIONS_BROKEN);
    }

    @Test
    void aThresholdBelowOne_isRefused() {
        assertThatThrownBy(() -> new ConditionRules(0, Duration.ofDays(1))).hasMessageContaining("failuresInARow");
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
