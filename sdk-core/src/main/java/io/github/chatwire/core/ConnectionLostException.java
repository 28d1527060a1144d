package io.github.chatwire.core;

/**
 * The connection dropped, could not be established, or was declared dead by the watchdog.
 * Retryable: the SDK reconnects by itself; a request that was in flight when this happened may or
 * may not have been processed by the server.
 */
public class ConnectionLostException extends ChatwireException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was lost and why, without secrets; may be null
     * @param cause the underlying I/O failure; may be null
     */
    public ConnectionLostException(String message, Throwable cause) {
        super(message, cause, true);
    }

    /**
     * Creates the exception without a cause.
     *
     * @param message what was lost and why, without secrets; may be null
     */
    public ConnectionLostException(String message) {
        this(message, null);
    }
}
