package io.github.chatwire.core.connection;

/**
 * The states of a connection. Typical life: {@code NEW → CONNECTING → HANDSHAKING → READY →
 * RECONNECTING → CONNECTING → … → CLOSED}.
 */
public enum ConnectionState {
  /** Built but {@code connect()} not called yet. */
  NEW,
  /** Opening the transport (TCP, TLS, WebSocket upgrade or QUIC handshake). */
  CONNECTING,
  /** Transport open; the protocol's handshake (identification, login) is running. */
  HANDSHAKING,
  /** Handshake done; requests and messages flow. */
  READY,
  /** Lost; waiting for the backoff delay before the next attempt. */
  RECONNECTING,
  /** Closed for good, by the user or by a terminal cause. No transition leaves this state. */
  CLOSED
}
