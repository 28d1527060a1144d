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
   * The transport has handed over every message it has received and is about to read from the
   * network again, and that read may block (nothing more is known to be waiting). A transport that
   * calls this at all calls it, on its reading thread, after delivering a message and before any
   * read that may block; a listener may then hold back work it would start for each message until
   * this call (the engine holds back up to 64 listener callbacks, to wake the callback thread once
   * per burst rather than once per message). The default does nothing; {@link WebSocketTransport}
   * calls it, {@link OkHttpWebSocketTransport} does not.
   */
  default void onInputWait() {}

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
