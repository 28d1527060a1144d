package io.github.chatwire.core.connection;

import io.github.chatwire.core.ChatwireException;

/**
 * Receives a connection's state changes and non-fatal errors. Methods have no-op defaults.
 *
 * <p>Callbacks run on the runtime's callback executor, one at a time and in order for each
 * connection, never on a socket reader thread.
 */
public interface ConnectionListener {
  /**
   * The connection's state changed.
   *
   * @param change the transition and its cause; never null
   */
  default void onStateChange(StateChange change) {}

  /**
   * Something went wrong that did not end the connection by itself: a malformed inbound message, an
   * unknown packet, a failure inside the protocol's handling. Also, after a connection ended, one
   * {@link io.github.chatwire.core.DeliveryUnknownException} counting the sent messages the peer
   * had not confirmed (they may not have arrived; see {@link ManagedConnection#send}).
   *
   * @param error the error; never null
   */
  default void onError(ChatwireException error) {}
}
