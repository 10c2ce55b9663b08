package io.entrasync.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser-like HTTP client of the admin page's sign-in, without a browser: follows the redirects of the
 * authorization-code flow, fills the provider's login form when one is shown (Spring Authorization Server's, with
 * its CSRF field), and keeps cookies per host. {@link #callback()} is the service's answer to the provider's
 * redirect (where the session cookie is set). The simulator's demo sign-in is passed by picking the user from its
 * list.
 */
public final class PageSession {

    private static final Pattern FORM_CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final String base;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;
    private HttpResponse<String> callback;
    private final List<URI> visited = new ArrayList<>();

    public PageSession(int port) {
        this(port, null);
    }

    /** With {@code tls}: the SSL context to reach an https provider (the simulator's demo sign-in). */
    public PageSession(int port, javax.net.ssl.SSLContext tls) {
        this.base = "http://127.0.0.1:" + port;
        HttpClient.Builder builder = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER);
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.http = builder.build();
    }

    /** Starts at {@code /oauth2/authorization/entra}, signs in as {@code user}; answers where the flow ended. */
    public URI signIn(String user, String password) {
        URI next = URI.create(base + "/oauth2/authorization/entra");
        for (int hop = 0; hop < 15; hop++) {
            visited.add(next);
            HttpResponse<String> response = send(HttpRequest.newBuilder(next).header("Accept", "text/html").GET());
            if (next.getPath().startsWith("/login/oauth2/code/")) {
                callback = response;
            }
            if (response.statusCode() / 100 == 3) {
                URI location = next.resolve(response.headers().firstValue("Location").orElseThrow());
                if (URI.create(base).getAuthority().equals(location.getAuthority())
                        && !location.getPath().startsWith("/login/oauth2/code/")
                        && !location.getPath().startsWith("/oauth2/")) {
                    return location;
                }
                next = location;
            } else if (response.statusCode() == 200 && next.getPath().equals("/login")) {
                next = submitLogin(next, response.body(), user, password);
            } else if (response.statusCode() == 200 && next.getPath().endsWith("/demo-oidc/authorize")) {
                // the simulator's demo sign-in lists its users as links: pick one
                assertListed(response.body(), user);
                next = URI.create(next + "&user=" + enc(user));
            } else {
                throw new AssertionError("sign-in stopped at " + next + " with " + response.statusCode() + ": "
                        + response.body());
            }
        }
        throw new AssertionError("too many redirects: " + visited);
    }

    private static void assertListed(String page, String user) {
        if (!page.contains(">" + user + "<")) {
            throw new AssertionError("the demo sign-in page does not list " + user + ": " + page);
        }
    }

    private URI submitLogin(URI form, String page, String user, String password) {
        Matcher csrf = FORM_CSRF.matcher(page);
        String body = "username=" + enc(user) + "&password=" + enc(password) + (csrf.find() ? "&_csrf=" + enc(csrf.group(1)) : "");
        HttpResponse<String> response = send(HttpRequest.newBuilder(form)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        if (response.statusCode() != 302) {
            throw new AssertionError("login form answered " + response.statusCode());
        }
        URI location = form.resolve(response.headers().firstValue("Location").orElseThrow());
        if (location.getQuery() != null && location.getQuery().contains("error")) {
            throw new AssertionError("the provider refused the password of " + user);
        }
        return location;
    }

    /** The service's answer to the provider's redirect back (sets the session cookie). */
    public HttpResponse<String> callback() {
        return callback;
    }

    /** A call to the service in this session; {@code csrf}: send the XSRF-TOKEN cookie's value as X-XSRF-TOKEN. */
    public HttpResponse<String> call(String method, String path, String json, boolean csrf) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json");
        if (csrf) {
            request.header("X-XSRF-TOKEN", cookie("XSRF-TOKEN"));
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return send(request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)));
    }

    public String cookie(String name) {
        return cookies.getCookieStore().get(URI.create(base)).stream().filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
