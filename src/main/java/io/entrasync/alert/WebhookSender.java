package io.entrasync.alert;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts an alert as JSON to one webhook. The body's {@code text} is what Slack and Teams incoming webhooks show
 * (both accept {@code {"text": "..."}}, and both turn the page's URL in it into a link); {@code title},
 * {@code tenant}, {@code condition}, {@code event}, {@code detail}, {@code at} and {@code url} are there for
 * receivers that route or file alerts. The URL itself is a secret (its path authorizes posting): messages name only
 * its host.
 */
final class WebhookSender implements AlertSender {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI url;
    private final URI page;
    private final HttpClient http;

    WebhookSender(URI url, URI page) {
        this.url = url;
        this.page = page;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public Channel channel() {
        return Channel.WEBHOOK;
    }

    @Override
    public void send(Alert alert) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(alert), StandardCharsets.UTF_8)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new DeliveryException("webhook at host " + url.getHost() + " not reachable: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + scrub(e.getMessage())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("webhook at host " + url.getHost() + ": interrupted");
        }
        if (response.statusCode() / 100 != 2) {
            throw new DeliveryException("webhook at host " + url.getHost() + " answered HTTP " + response.statusCode());
        }
    }

    String body(Alert alert) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", alert.text(page));
        body.put("title", alert.title());
        body.put("tenant", alert.tenant());
        body.put("condition", alert.condition().state());
        body.put("event", alert.event().name().toLowerCase());
        body.put("detail", alert.detail());
        body.put("at", alert.createdAt().toString());
        body.put("url", page == null ? null : page.toString());
        return JSON.writeValueAsString(body);
    }

    /** An exception message with the URL's path and query taken out, should a client library ever include them. */
    private String scrub(String message) {
        String scrubbed = message.replace(url.toString(), url.getHost());
        return url.getRawPath() == null || url.getRawPath().length() < 2 ? scrubbed
                : scrubbed.replace(url.getRawPath(), "/…");
    }
}
