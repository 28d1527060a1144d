package io.github.chatwire.core.connection;

import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.ConnectionLostException;
import io.github.chatwire.core.ProtocolException;

/**
 * What a protocol plugs into the engine: its handshake, its handling of inbound messages, its
 * ping, and its classification of closes and failures.
 *
 * <p>The engine calls these methods one at a time per connection, holding the connection's lock,
 * on SDK threads (a transport reader thread or the scheduler). So a handler needs no locking of
 * its own, but it must not block: decode, update state, send, and hand user-facing events to
 * {@link ProtocolContext#emit(Runnable)}. An exception thrown from a method is reported as a
 * {@link ProtocolException} error event; the connection stays up.
 */
public interface ProtocolHandler {
    /**
     * The transport is open: start the handshake with {@link ProtocolContext#sendNow(Outbound)}
     * and call {@link ProtocolContext#ready()} when it is done (at once, for a protocol without a
     * handshake). Called on every (re)connection, so per-connection handshake state (challenges,
     * validators) must be made anew here.
     *
     * @param ctx the context of this connection attempt; never null
     */
    void onOpen(ProtocolContext ctx);

    /**
     * A text message arrived.
     *
     * @param ctx the context; never null
     * @param text the message; never null
     */
    default void onText(ProtocolContext ctx, String text) {
        ctx.reportError(new ProtocolException("unexpected text message of " + text.length() + " chars"));
    }

    /**
     * A binary message arrived.
     *
     * @param ctx the context; never null
     * @param bytes the message; never null; owned by the handler
     */
    default void onBinary(ProtocolContext ctx, byte[] bytes) {
        ctx.reportError(new ProtocolException("unexpected binary message of " + bytes.length + " bytes"));
    }

    /**
     * Time for an application ping (every {@link ConnectionOptions#pingInterval()} while READY).
     *
     * @param ctx the context; never null
     */
    default void onPingDue(ProtocolContext ctx) {}

    /**
     * Classifies a close of the transport by the peer. A retryable result reconnects with
     * backoff; a non-retryable one closes the connection for good with that cause.
     *
     * @param code the close code
     * @param reason the close reason; never null
     * @return the cause to report; never null
     */
    default ChatwireException classifyClose(int code, String reason) {
        return new ConnectionLostException("closed by server with " + code + (reason.isEmpty() ? "" : " " + reason));
    }

    /**
     * Classifies a transport failure (network error, upgrade refused, oversized message). The
     * default keeps it as it is, so its {@link ChatwireException#isRetryable()} decides.
     *
     * @param failure what the transport reported; never null
     * @return the cause to report; never null
     */
    default ChatwireException classifyFailure(ChatwireException failure) {
        return failure;
    }

    /**
     * The connection attempt ended (before or after READY), for whatever cause; reset
     * per-connection state here. In-flight requests have been failed already.
     *
     * @param cause why; never null
     */
    default void onDisconnected(ChatwireException cause) {}
}
