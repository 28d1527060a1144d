package io.github.chatwire.core.transport;

import io.github.chatwire.core.ChatwireRuntime;

/**
 * A way to open message-oriented connections to one server: WebSocket ({@link WebSocketTransport},
 * or {@link OkHttpWebSocketTransport} on OkHttp's implementation), QUIC, or an in-memory fake in
 * tests. A transport knows nothing about the protocol spoken over it.
 *
 * <p>Implementations are immutable and thread-safe; each {@link #open} starts a new, independent
 * session.
 */
public interface Transport {
  /**
   * Starts opening a new session and returns at once. The listener receives {@link
   * TransportListener#onOpen()} when the session is usable, then messages, then exactly one of
   * {@link TransportListener#onClosed} or {@link TransportListener#onFailure}, and nothing after
   * that. Callbacks come on the transport's own threads, one at a time, and never before this
   * method has returned.
   *
   * @param runtime the runtime providing threads, timers and HTTP clients; never null
   * @param listener receives the session's events; never null
   * @return the session, usable for sending once opened; never null
   */
  TransportSession open(ChatwireRuntime runtime, TransportListener listener);

  /**
   * A description for logs and state changes, with secrets removed (for example the URL with query
   * values masked).
   *
   * @return a description; never null
   */
  String describe();
}
