package io.github.chatwire.core.transport;

import org.jspecify.annotations.Nullable;

/** One open (or opening) connection of a {@link Transport}. Thread-safe; sends never block. */
public interface TransportSession {
  /**
   * Queues a text message for sending.
   *
   * @param text the message; never null
   * @return true if the message was accepted for sending; false if the session is closing, closed,
   *     not yet open, or its outbound buffer is full (the caller keeps the message)
   */
  boolean sendText(String text);

  /**
   * Queues a binary message for sending.
   *
   * @param bytes the message; never null; not modified and not retained after the call returns
   *     false
   * @return true if the message was accepted for sending; false as for {@link #sendText}
   */
  boolean sendBinary(byte[] bytes);

  /**
   * Starts a graceful close with the given code and reason. If the peer does not complete the close
   * promptly the session is cancelled. The listener's terminal callback follows.
   *
   * @param code the close code (for WebSocket, 1000 for a normal close)
   * @param reason a short reason; may be null
   */
  void close(int code, @Nullable String reason);

  /** Drops the session at once, without a close handshake. */
  void cancel();

  /**
   * How many bytes of accepted messages are still waiting to be written to the network. With {@link
   * #maxQueuedBytes()} it lets the engine hold a message that would not fit (keeping it queued)
   * instead of having it refused, which looks like a dying session. Thread-safe.
   *
   * @return the bytes waiting; 0 if the transport does not know
   */
  default long queuedBytes() {
    return 0;
  }

  /**
   * The most bytes this session buffers for sending: a send that would take {@link #queuedBytes()}
   * over it is refused (OkHttp: 16 MiB).
   *
   * @return the limit; {@link Long#MAX_VALUE} if unbounded or unknown
   */
  default long maxQueuedBytes() {
    return Long.MAX_VALUE;
  }
}
