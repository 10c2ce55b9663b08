package io.entrasync.notify;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One item of the {@code value} array Graph POSTs to a notification URL (a changeNotificationCollection). A change
 * notification carries {@code changeType} ("updated", "deleted"); a lifecycle notification carries
 * {@code lifecycleEvent} ("reauthorizationRequired", "subscriptionRemoved", "missed") instead. Only the fields this
 * service uses are kept: the content ({@code resource}, {@code resourceData}) is never applied, the delta is.
 *
 * @param subscriptionId names the subscription, and so the tenant; never null
 * @param clientState    the secret to verify; null when Graph sent none (then rejected)
 * @param changeType     null on a lifecycle notification
 * @param lifecycleEvent null on a change notification
 * @param tenantId       the Entra tenant id Graph names; null when absent
 */
record ChangeNotification(String subscriptionId, String clientState, String changeType, String lifecycleEvent,
                          String tenantId) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** True for a lifecycle notification. */
    boolean lifecycle() {
        return lifecycleEvent != null;
    }

    /**
     * Parses a notification request body.
     *
     * @throws IllegalArgumentException naming the field when it is not a collection of notifications
     */
    static List<ChangeNotification> parse(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("body: not JSON (" + e.getOriginalMessage() + ")");
        }
        JsonNode value = root == null ? null : root.get("value");
        if (value == null || !value.isArray()) {
            throw new IllegalArgumentException("value: expected an array of notifications");
        }
        List<ChangeNotification> items = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            String subscriptionId = text(item, "subscriptionId");
            if (subscriptionId == null) {
                throw new IllegalArgumentException("value[" + i + "].subscriptionId: missing");
            }
            String changeType = text(item, "changeType");
            String lifecycleEvent = text(item, "lifecycleEvent");
            if (changeType == null && lifecycleEvent == null) {
                throw new IllegalArgumentException("value[" + i + "]: neither changeType nor lifecycleEvent");
            }
            items.add(new ChangeNotification(subscriptionId, text(item, "clientState"), changeType, lifecycleEvent,
                    text(item, "tenantId")));
        }
        return items;
    }

    private static String text(JsonNode item, String field) {
        JsonNode node = item == null ? null : item.get(field);
        return node == null || !node.isString() || node.asString().isBlank() ? null : node.asString();
    }

    @Override
    public String toString() {
        return "ChangeNotification[" + subscriptionId + " " + (lifecycle() ? lifecycleEvent : changeType) + "]";
    }
}
