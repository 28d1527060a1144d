package io.github.chatwire.core;

import java.time.Duration;

/**
 * No reply arrived for a request within its timeout. Retryable, but note that the server may
 * still have acted on the request.
 */
public class RequestTimeoutException extends ChatwireException {
    private static final long serialVersionUID = 1L;

    private final Duration timeout;

    /**
     * Creates the exception.
     *
     * @param message which request timed out, without secrets; may be null
     * @param timeout the timeout that elapsed; never null
     */
    public RequestTimeoutException(String message, Duration timeout) {
        super(message, null, true);
        this.timeout = timeout;
    }

    /**
     * The timeout that elapsed.
     *
     * @return the timeout; never null
     */
    public Duration timeout() {
        return timeout;
    }
}
