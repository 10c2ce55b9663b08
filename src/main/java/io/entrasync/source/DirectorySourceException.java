package io.entrasync.source;

/**
 * A directory read that failed for good: the message names the tenant, the request path (never a token) and
 * what the directory answered (HTTP status and Graph or Entra error code).
 */
public class DirectorySourceException extends RuntimeException {

    private final String tenantKey;
    private final int status;
    private final String errorCode;

    public DirectorySourceException(String tenantKey, int status, String errorCode, String message, Throwable cause) {
        super(message, cause);
        this.tenantKey = tenantKey;
        this.status = status;
        this.errorCode = errorCode;
    }

    public String tenantKey() {
        return tenantKey;
    }

    /** HTTP status of the last answer, 0 when there was none (network error). */
    public int status() {
        return status;
    }

    /** Graph's or Entra's error code ({@code Authorization_RequestDenied}, {@code AADSTS7000215} …), or null. */
    public String errorCode() {
        return errorCode;
    }
}
