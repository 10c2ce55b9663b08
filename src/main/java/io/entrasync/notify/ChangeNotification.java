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

    /** Graph's batches hold far fewer; a larger body is refused before any lookup (see {@link #parse}). */
    static final int MAX_ITEMS = 1000;
    /** Distinct subscriptions one request may name: all of them are looked up with one {@code IN} query. */
    static final int MAX_SUBSCRIPTIONS = 200;

    /**
     * A parsed changeNotificationCollection.
     *
     * @param items     the items that name a subscription and carry a changeType or lifecycleEvent
     * @param malformed items that do not (refused one by one, like a forged item: the rest of the batch still counts)
     */
    record Batch(List<ChangeNotification> items, int malformed) {
    }

    /** The body holds more items or names more subscriptions than one request may (answered 413). */
    static final class TooLarge extends IllegalArgumentException {
        TooLarge(String message) {
            super(message);
        }
    }

    /**
     * Parses a notification request body: a JSON object whose {@code value} is an array of objects. Items are
     * checked one by one; a malformed item is counted in {@link Batch#malformed()} and leaves the others alone.
     *
     * @throws TooLarge                 above {@link #MAX_ITEMS} items or {@link #MAX_SUBSCRIPTIONS} distinct subscriptions
     * @throws IllegalArgumentException naming the field when the body is not a collection of notifications
     */
    static Batch parse(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("body: not JSON (" + e.getOriginalMessage() + ")");
        }
        JsonNode value = root == null || !root.isObject() ? null : root.get("value");
        if (value == null || !value.isArray()) {
            throw new IllegalArgumentException("value: expected an array of notifications");
        }
        if (value.size() > MAX_ITEMS) {
            throw new TooLarge("value: " + value.size() + " notifications; at most " + MAX_ITEMS + " per request");
        }
        List<ChangeNotification> items = new ArrayList<>(value.size());
        java.util.Set<String> subscriptions = new java.util.HashSet<>();
        int malformed = 0;
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isObject()) {
                throw new IllegalArgumentException("value[" + i + "]: expected a notification object");
            }
            String subscriptionId = text(item, "subscriptionId");
            String changeType = text(item, "changeType");
            String lifecycleEvent = text(item, "lifecycleEvent");
            if (subscriptionId == null || subscriptionId.length() > 64 || (changeType == null && lifecycleEvent == null)) {
                malformed++;
                continue;
            }
            subscriptions.add(subscriptionId);
            if (subscriptions.size() > MAX_SUBSCRIPTIONS) {
                throw new TooLarge("value: names more than " + MAX_SUBSCRIPTIONS + " subscriptions; at most "
                        + MAX_SUBSCRIPTIONS + " per request");
            }
            items.add(new ChangeNotification(subscriptionId, text(item, "clientState"), changeType, lifecycleEvent,
                    text(item, "tenantId")));
        }
        return new Batch(items, malformed);
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
