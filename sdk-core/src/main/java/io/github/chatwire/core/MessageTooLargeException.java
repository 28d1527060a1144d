package io.github.chatwire.core;

/**
 * An inbound message was larger than the configured maximum. The connection was closed with
 * WebSocket close code 1009 (message too big); it reconnects like after any lost connection.
 */
public class MessageTooLargeException extends ConnectionLostException {
    private static final long serialVersionUID = 1L;

    private final long size;
    private final long limit;

    /**
     * Creates the exception.
     *
     * @param size the size of the message that arrived, in bytes
     * @param limit the configured maximum, in bytes
     */
    public MessageTooLargeException(long size, long limit) {
        super("inbound message of " + size + " bytes exceeds the limit of " + limit + " bytes; closed with 1009");
        this.size = size;
        this.limit = limit;
    }

    /**
     * The size of the message that arrived.
     *
     * @return bytes
     */
    public long size() {
        return size;
    }

    /**
     * The configured maximum.
     *
     * @return bytes
     */
    public long limit() {
        return limit;
    }
}
