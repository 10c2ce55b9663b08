package io.entrasync.alert;

import io.entrasync.problem.Paging;
import java.time.Instant;
import java.util.List;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/alerts}: the conditions open now and the newest alerts with the state of each delivery (Reader).
 * A webhook's URL never appears: a delivery names its channel only, and its error names the webhook's host.
 */
@RestController
@Tag(name = "Alerts")
class AlertController {

    private final AlertStore store;
    private final AlertSenders senders;

    AlertController(AlertStore store, AlertSenders senders) {
        this.store = store;
        this.senders = senders;
    }

    record OpenView(String tenant, String condition, Instant openedAt, String detail) {
    }

    record DeliveryView(String channel, String state, int attempts, Instant nextAttemptAt, String lastError,
                        Instant deliveredAt) {
    }

    record AlertView(long id, String tenant, String condition, String event, String title, String detail,
                     Instant createdAt, List<DeliveryView> deliveries) {
    }

    /** @param channels the channels configured now (WEBHOOK, EMAIL); empty: alerts are tracked, not sent */
    record AlertsView(List<String> channels, List<OpenView> open, List<AlertView> recent) {
    }

    @Operation(operationId = "listAlerts", summary = "List open conditions and recent alerts",
            description = "The conditions open now per tenant (held, failing, invalid mapping, notifications broken, a "
            + "held plan waiting over a day), the newest alerts (at most limit, of one tenant or all) with each "
            + "delivery's state and error, and the channels configured.")
    @GetMapping("/api/alerts")
    @Transactional(readOnly = true)
    AlertsView alerts(@RequestParam(required = false) String tenant, @RequestParam(defaultValue = "100") int limit) {
        int bounded = Paging.size("limit", limit, Paging.MAX_SIZE);
        List<OpenView> open = store.openList().stream().filter(c -> tenant == null || c.tenant().equals(tenant))
                .map(c -> new OpenView(c.tenant(), c.condition().state(), c.openedAt(), c.detail())).toList();
        List<AlertView> recent = store.recent(tenant, bounded).entrySet().stream().map(e -> {
            Alert a = e.getKey();
            return new AlertView(a.id(), a.tenant(), a.condition().state(), a.event().name().toLowerCase(), a.title(),
                    a.detail(), a.createdAt(), e.getValue().stream().map(d -> new DeliveryView(d.channel().name(),
                            d.state(), d.attempts(), d.nextAttemptAt(), d.lastError(), d.deliveredAt())).toList());
        }).toList();
        return new AlertsView(senders.channels().stream().map(Enum::name).toList(), open, recent);
    }
}
