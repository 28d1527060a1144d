package io.github.chatwire.core.transport;

import io.github.chatwire.core.ChatwireException;

/**
 * Receives the events of one {@link TransportSession}, one at a time, on the transport's thread.
 * Implementations must not block for long: the transport reads nothing while a callback runs.
 */
public interface TransportListener {
  /** The session is open and can send. */
  void onOpen();

  /**
   * A complete text message arrived.
   *
   * @param text the message; never null
   */
  void onText(String text);

  /**
   * A complete binary message arrived.
   *
   * @param bytes the message; never null; owned by the listener
   */
  void onBinary(byte[] bytes);

  /**
   * The session closed with a close code (sent by the peer, or by this side). Terminal: no callback
   * follows.
   *
   * @param code the close code
   * @param reason the close reason; never null, possibly empty
   */
  void onClosed(int code, String reason);

  /**
   * The session failed: it could not be opened, the network failed, or a local limit was exceeded.
   * Terminal: no callback follows.
   *
   * @param cause what happened; never null
   */
  void onFailure(ChatwireException cause);
}
