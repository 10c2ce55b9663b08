package io.entrasync.graph;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * What a failure without an HTTP answer means in an admin's words: the host name does not resolve, nothing listens,
 * the server's certificate is not trusted, or it timed out. Read from the cause chain (MSAL, Kiota and OkHttp wrap the
 * JDK's exceptions differently); never a Java type name in the words, which are shown in the API and the admin page.
 *
 * @param code   a stable code for advice: {@code dns}, {@code refused}, {@code tls}, {@code timeout}, {@code network}
 * @param detail what happened, with the host or the JDK's message where it helps
 */
record NetworkFailure(String code, String detail) {

    static final String DNS = "dns";
    static final String REFUSED = "refused";
    static final String TLS = "tls";
    static final String TIMEOUT = "timeout";
    static final String NETWORK = "network";

    /** The network cause in {@code failure}'s chain; empty when none of it is a network fault. */
    static java.util.Optional<NetworkFailure> of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnknownHostException) {
                return java.util.Optional.of(new NetworkFailure(DNS, "the host name"
                        + (t.getMessage() == null ? "" : " " + firstWord(t.getMessage()))
                        + " cannot be resolved (DNS: unknown host)"));
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return java.util.Optional.of(new NetworkFailure(REFUSED, "the connection was refused or the host is "
                        + "unreachable" + (t.getMessage() == null ? "" : " (" + clip(t.getMessage()) + ")")));
            }
            if (t instanceof SSLHandshakeException || t instanceof SSLPeerUnverifiedException
                    || t instanceof CertPathValidatorException || t instanceof CertPathBuilderException
                    || t instanceof CertificateException) {
                return java.util.Optional.of(new NetworkFailure(TLS, "the server's TLS certificate is not trusted "
                        + "(TLS handshake failed)"));
            }
            if (t instanceof SocketTimeoutException || t instanceof HttpTimeoutException) {
                return java.util.Optional.of(new NetworkFailure(TIMEOUT, "no answer in time (timed out)"));
            }
            if (t instanceof SSLException) {
                return java.util.Optional.of(new NetworkFailure(TLS, "the TLS connection failed"
                        + (t.getMessage() == null ? "" : " (" + clip(t.getMessage()) + ")")));
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.io.IOException) {
                return java.util.Optional.of(new NetworkFailure(NETWORK, "the connection failed"
                        + (t.getMessage() == null ? "" : " (" + clip(t.getMessage()) + ")")));
            }
        }
        return java.util.Optional.empty();
    }

    /** What an admin does about it; null for a code that is not a network one. */
    static String advice(String code) {
        if (code == null) {
            return null;
        }
        return switch (code) {
            case DNS -> "the host name does not resolve from this service: check the cloud (or graphEndpoint / "
                    + "authorityHost) in the mapping, and the service's DNS and proxy settings";
            case REFUSED -> "nothing accepted the connection: check that the endpoint's host and port are right and "
                    + "reachable from this service (firewall, proxy, egress rules)";
            case TLS -> "the server's certificate is not trusted by this service: check the endpoint, or add its CA "
                    + "to the service's trust store (a TLS-inspecting proxy needs its CA trusted too)";
            case TIMEOUT -> "the endpoint did not answer in time: check the network path (firewall, proxy) and try "
                    + "again";
            case NETWORK -> "the connection failed: check the network path from this service to the endpoint and try "
                    + "again";
            default -> null;
        };
    }

    private static String firstWord(String message) {
        int space = message.indexOf(' ');
        int colon = message.indexOf(':');
        int end = space < 0 ? colon : colon < 0 ? space : Math.min(space, colon);
        return clip(end < 0 ? message : message.substring(0, end));
    }

    private static String clip(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
