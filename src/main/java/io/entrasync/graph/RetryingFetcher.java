package io.entrasync.graph;

import io.entrasync.source.DirectorySourceException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.function.Function;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.JacksonIOException;

/**
 * GETs one Graph page (or POSTs one request) through the tenant's OkHttp client (authorization and Graph middleware)
 * and parses the answer,
 * retrying the whole page on 429, 503, 504 and on connection failures (also mid-body), at most
 * {@link GraphProperties#maxRetries()} times, each after the full {@code Retry-After} while the read's
 * {@link ThrottleBudget} lasts. Every throttled answer and every retry is counted. Messages name the tenant and the
 * URL path, never the query (it carries delta tokens).
 */
final class RetryingFetcher {

    private static final Logger log = LoggerFactory.getLogger(RetryingFetcher.class);

    private final GraphProperties properties;
    private final Backoff backoff;

    RetryingFetcher(GraphProperties properties, Backoff backoff) {
        this.properties = properties;
        this.backoff = backoff;
    }

    /** A budget for the {@code Retry-After} waits of one read, to pass to each {@link #get} of that read. */
    ThrottleBudget budget() {
        return backoff.budget();
    }

    <T> T get(String tenantKey, TenantClient client, String url, boolean priorityLow, ReadCounter counter,
            ThrottleBudget budget, Function<InputStream, T> parse) throws ResyncRequiredSignal {
        return fetch(tenantKey, client, request(tenantKey, url, priorityLow).get().build(), counter, budget, parse);
    }

    /** POSTs a JSON body (an action such as {@code directoryObjects/getByIds}), retried like a page. */
    <T> T post(String tenantKey, TenantClient client, String url, String json, ReadCounter counter,
            ThrottleBudget budget, Function<InputStream, T> parse) throws ResyncRequiredSignal {
        return fetch(tenantKey, client, request(tenantKey, url, false)
                .post(RequestBody.create(json, MediaType.get("application/json"))).build(), counter, budget, parse);
    }

    private <T> T fetch(String tenantKey, TenantClient client, Request request, ReadCounter counter,
            ThrottleBudget budget, Function<InputStream, T> parse) throws ResyncRequiredSignal {
        String path = request.method() + " " + request.url().encodedPath();
        int lastStatus = 0;
        String lastCode = null;
        String lastDetail = null;
        boolean tokenRenewed = false;
        for (int attempt = 0; ; attempt++) {
            String retryAfter = null;
            try (Response response = client.http().newCall(request).execute()) {
                lastStatus = response.code();
                countSilentRetries(response, counter);
                if (response.isSuccessful()) {
                    return parse.apply(response.body().byteStream());
                }
                lastCode = GraphErrors.code(response.body());
                if (lastStatus == 401 && !tokenRenewed) {
                    log.warn("tenant {}: {} answered HTTP 401{}; renewing the access token and retrying once",
                            tenantKey, path, describe(lastCode));
                    client.tokens().invalidate();
                    tokenRenewed = true;
                    counter.retry();
                    attempt--;
                    continue;
                }
                if (GraphErrors.isResync(lastStatus, lastCode)) {
                    throw new ResyncRequiredSignal(lastCode != null ? lastCode : "HTTP " + lastStatus);
                }
                if (!GraphErrors.isThrottledOrUnavailable(lastStatus)) {
                    throw new DirectorySourceException(tenantKey, lastStatus, lastCode, "tenant '" + tenantKey
                            + "': " + path + " answered HTTP " + lastStatus + describe(lastCode), null);
                }
                counter.throttled();
                retryAfter = response.header("Retry-After");
            } catch (JacksonIOException e) {
                lastCode = "connection broken mid-body";
            } catch (JacksonException e) {
                throw new DirectorySourceException(tenantKey, lastStatus, "malformed_response", "tenant '" + tenantKey
                        + "': " + path + " returned malformed JSON: " + e.getOriginalMessage(), null);
            } catch (IOException e) {
                lastStatus = 0;
                // a code an admin reads (dns, refused, tls, timeout), never the Java type of the failure
                NetworkFailure network = NetworkFailure.of(e).orElse(new NetworkFailure(NetworkFailure.NETWORK,
                        "the connection failed"));
                lastCode = network.code();
                lastDetail = network.detail();
                if (attempt == 0 && properties.maxRetries() > 0) {
                    // Most often a pooled connection the server closed while idle: a new one works at once, so the
                    // first retry does not wait (it is still counted); a server that is really down fails it fast.
                    log.info("tenant {}: {} answered a connection failure ({}); retrying at once on a new "
                            + "connection", tenantKey, path, lastCode);
                    counter.retry();
                    continue;
                }
            }
            if (attempt >= properties.maxRetries()) {
                throw new DirectorySourceException(tenantKey, lastStatus, lastCode, "tenant '" + tenantKey + "': "
                        + path + " gave up after " + attempt + " retries; last answer "
                        + (lastStatus == 0 ? "none" + (lastDetail == null ? "" : ": " + lastDetail)
                        : "HTTP " + lastStatus + describe(lastCode)), null);
            }
            pause(tenantKey, path, attempt + 1, lastStatus, retryAfter, budget);
            counter.retry();
        }
    }

    /** OkHttp itself repeats a 503 carrying {@code Retry-After: 0} once; count that as throttled and retried. */
    private static void countSilentRetries(Response response, ReadCounter counter) {
        for (Response prior = response.priorResponse(); prior != null; prior = prior.priorResponse()) {
            if (GraphErrors.isThrottledOrUnavailable(prior.code())) {
                counter.throttled();
                counter.retry();
            }
        }
    }

    private void pause(String tenantKey, String path, int retry, int status, String retryAfter, ThrottleBudget budget) {
        Duration wait = backoff.waitBefore(retry, retryAfter);
        budget.book(tenantKey, path, status, backoff.parseRetryAfter(retryAfter), wait);
        log.warn("tenant {}: {} answered {}; retry {}/{} in {} ms", tenantKey, path,
                status == 0 ? "a connection failure" : "HTTP " + status, retry, properties.maxRetries(), wait.toMillis());
        try {
            backoff.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DirectorySourceException(tenantKey, status, "interrupted",
                    "tenant '" + tenantKey + "': interrupted while waiting to retry " + path, e);
        }
    }

    private static Request.Builder request(String tenantKey, String url, boolean priorityLow) {
        HttpUrl parsed = HttpUrl.parse(url);
        if (parsed == null) {
            throw new DirectorySourceException(tenantKey, 0, "invalid_link",
                    "tenant '" + tenantKey + "': not an http(s) URL to read from", null);
        }
        Request.Builder builder = new Request.Builder().url(parsed).header("Accept", "application/json");
        if (priorityLow) {
            // the documented values are Low, Normal and High (Graph throttling guidance, "throttle priority")
            builder.header("x-ms-throttle-priority", "Low");
        }
        return builder;
    }

    private static String describe(String code) {
        return code == null ? "" : " (" + code + ")";
    }
}
