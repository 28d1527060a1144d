package io.github.chatwire.core.connection;

import io.github.chatwire.core.ChatwireException;
import io.github.chatwire.core.ConnectionLostException;
import io.github.chatwire.core.ProtocolException;

/**
 * What a protocol plugs into the engine: its handshake, its handling of inbound messages, its ping,
 * and its classification of closes and failures.
 *
 * <p>The engine calls these methods one at a time per connection, holding the connection's lock, on
 * SDK threads (a transport reader thread or the scheduler). So a handler needs no locking of its
 * own, but it must not block: decode, update state, send, and hand user-facing events to {@link
 * ProtocolContext#emit(Runnable)}. An exception thrown from a method is reported as a {@link
 * ProtocolException} error event; the connection stays up.
 */
public interface ProtocolHandler {
  /**
   * The transport is open: start the handshake with {@link ProtocolContext#sendNow(Outbound)} and
   * call {@link ProtocolContext#ready()} when it is done (at once, for a protocol without a
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
    ctx.reportError(
        new ProtocolException("unexpected text message of " + text.length() + " chars"));
  }

  /**
   * A binary message arrived.
   *
   * @param ctx the context; never null
   * @param bytes the message; never null; owned by the handler
   */
  default void onBinary(ProtocolContext ctx, byte[] bytes) {
    ctx.reportError(
        new ProtocolException("unexpected binary message of " + bytes.length + " bytes"));
  }

  /**
   * Time for an application ping (every {@link ConnectionOptions#pingInterval()} while READY).
   *
   * @param ctx the context; never null
   */
  default void onPingDue(ProtocolContext ctx) {}

  /**
   * Classifies a close of the transport by the peer. A retryable result reconnects with backoff; a
   * non-retryable one closes the connection for good with that cause.
   *
   * @param code the close code
   * @param reason the close reason; never null
   * @return the cause to report; never null
   */
  default ChatwireException classifyClose(int code, String reason) {
    return new ConnectionLostException(
        "closed by server with " + code + (reason.isEmpty() ? "" : " " + reason));
  }

  /**
   * Classifies a transport failure (network error, upgrade refused, oversized message). The default
   * keeps it as it is, so its {@link ChatwireException#isRetryable()} decides.
   *
   * @param failure what the transport reported; never null
   * @return the cause to report; never null
   */
  default ChatwireException classifyFailure(ChatwireException failure) {
    return failure;
  }

  /**
   * The connection attempt ended (before or after READY), for whatever cause; reset per-connection
   * state here. In-flight requests have been failed already.
   *
   * @param cause why; never null
   */
  default void onDisconnected(ChatwireException cause) {}

  /**
   * Whether this protocol proves that the peer read what was sent, by calling {@link
   * ProtocolContext#confirmDelivered(long)} (for example with Pongs that answer Pings in order).
   * When true, {@link ManagedConnection#sendConfirmed} is available, and at most {@link
   * ConnectionOptions#maxUnconfirmedSends()} messages go out unconfirmed before the outbound queue
   * waits for a proof. Default false.
   *
   * @return true if the protocol confirms delivery
   */
  default boolean provesDelivery() {
    return false;
  }

  /**
   * Something sent wants a proof of delivery soon (a confirmed send went out, or the unconfirmed
   * window is full): send a probe now if none is under way, then confirm with {@link
   * ProtocolContext#confirmDelivered(long)}. Called only if {@link #provesDelivery()}; may be
   * called from inside the context's own methods (for example {@code ready()}).
   *
   * @param ctx the context; never null
   */
  default void onProofWanted(ProtocolContext ctx) {}

  /**
   * How a text frame appears in the opt-in TRACE log of frames (logger {@code
   * io.github.chatwire.frames}). Override to show content with secrets masked; the default shows
   * only the size, so no secret can leak.
   *
   * @param text the frame; never null
   * @return a description without secrets; never null
   */
  default String traceText(String text) {
    return "text of " + text.length() + " chars";
  }

  /**
   * How a binary frame appears in the TRACE log of frames; see {@link #traceText(String)}.
   *
   * @param bytes the frame; never null; must not be modified
   * @return a description without secrets; never null
   */
  default String traceBinary(byte[] bytes) {
    return "binary of " + bytes.length + " bytes";
  }
}
