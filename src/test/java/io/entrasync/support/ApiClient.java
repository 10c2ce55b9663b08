package io.entrasync.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for end-to-end API tests: real HTTP against the running service. */
public final class ApiClient {

    public static final String TOKEN = "test-admin-token-0123456789abcdef";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String base;
    private final String token;

    public ApiClient(int port) {
        this(port, TOKEN);
    }

    public ApiClient(int port, String token) {
        this.base = "http://127.0.0.1:" + port;
        this.token = token;
    }

    /** An answer: status, body text and the body parsed as JSON (null when it is not JSON). */
    public record Answer(int status, String body, JsonNode json, HttpResponse<String> raw) {
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    public Answer get(String path) {
        return send(request(path).GET());
    }

    /** A GET with this {@code Accept} header (a browser's {@code text/html}, or {@code application/json}). */
    public Answer getAccepting(String path, String accept) {
        return send(request(path).header("Accept", accept).GET());
    }

    public Answer post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Answer post(String path, String contentType, String body) {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A request without a body, e.g. DELETE. */
    public Answer send(String method, String path) {
        return send(request(path).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    public Answer put(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Answer patch(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Starts a run of the tenant (asserting 202) and waits until it has ended; answers the run. */
    public JsonNode syncAndWait(String tenant, String mode, boolean dryRun) {
        Answer answer = post("/api/tenants/" + tenant + "/sync", "{\"mode\":\"" + mode + "\",\"dryRun\":" + dryRun + "}");
        if (answer.status() != 202) {
            throw new AssertionError("sync of " + tenant + " answered " + answer.status() + ": " + answer.body());
        }
        return awaitRun(answer.header("Location"), java.time.Duration.ofMinutes(2));
    }

    /** Polls a run until it is neither QUEUED nor RUNNING; fails after {@code timeout}. */
    public JsonNode awaitRun(String location, java.time.Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode run = get(location).json();
            String status = run.get("status").asString();
            if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
                return run;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("run " + location + " still " + status + " after " + timeout);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * Waits until at least {@code count} scheduled runs of {@code tenant} newer than run {@code afterId} have ended
     * (Quartz fires them); answers every ended run newer than {@code afterId}, oldest first.
     */
    public java.util.List<JsonNode> awaitScheduledRuns(String tenant, long afterId, int count,
                                                       java.time.Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            java.util.List<JsonNode> ended = new java.util.ArrayList<>();
            for (JsonNode run : get("/api/sync-runs?tenant=" + tenant + "&limit=500").json()) {
                String status = run.get("status").asString();
                if (run.get("id").asLong() > afterId && !status.equals("QUEUED") && !status.equals("RUNNING")) {
                    ended.add(0, run);
                }
            }
            if (ended.stream().filter(run -> run.get("trigger").asString().equals("SCHEDULE")).count() >= count) {
                return ended;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(count + " scheduled runs of " + tenant + " did not end within " + timeout
                        + "; ended: " + ended);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Waits until no run of the tenant is queued or running (scheduled fires included); fails after 60 s. */
    public void awaitIdle(String tenant) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            boolean active = false;
            for (JsonNode run : get("/api/sync-runs?tenant=" + tenant + "&limit=5").json()) {
                String status = run.get("status").asString();
                active |= status.equals("QUEUED") || status.equals("RUNNING");
            }
            if (!active) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("tenant " + tenant + " still has an active run after 60 s");
    }

    /** The id of the tenant's newest run, 0 when it has none. */
    public long newestRunId(String tenant) {
        JsonNode runs = get("/api/sync-runs?tenant=" + tenant + "&limit=1").json();
        return runs.isEmpty() ? 0 : runs.get(0).get("id").asLong();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private Answer send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            String body = response.body();
            if (body != null && !body.isBlank() && (body.startsWith("{") || body.startsWith("["))) {
                json = JSON.readTree(body);
            }
            return new Answer(response.statusCode(), body, json, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
