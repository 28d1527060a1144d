package io.github.chatwire.core;

/**
 * The WebSocket peer broke RFC 6455: a malformed frame, a reserved bit or opcode, a masked server
 * frame, an invalid close code, invalid UTF-8 in a text message or close reason, a failed opening
 * handshake (wrong {@code Sec-WebSocket-Accept}, missing {@code Upgrade}), an extension or
 * subprotocol the client never offered, or a ping flood. The transport has closed the connection,
 * with {@link #closeCode()} in its close frame where one could be sent.
 *
 * <p>Unlike other {@link ProtocolException}s this one says by itself whether reconnecting may help
 * ({@link #isRetryable()}): a broken frame or handshake may come from a transient fault (a
 * middlebox, a server restart) and is retried with backoff; a server that switches on an extension
 * or subprotocol the client did not ask for will do so again, so that is terminal.
 */
public class WebSocketProtocolException extends ProtocolException {
  private static final long serialVersionUID = 1L;

  /** The close code the client sent, or 0 if none could be sent. */
  private final int closeCode;

  /** Whether reconnecting may succeed. */
  private final boolean retryable;

  /**
   * Creates the exception.
   *
   * @param message what the peer did, without secrets; may be null
   * @param closeCode the close code the client sent (1002, 1007, 1008, 1010), or 0 if the
   *     connection was dropped without a close frame (a failed opening handshake)
   * @param retryable whether reconnecting may succeed
   */
  public WebSocketProtocolException(String message, int closeCode, boolean retryable) {
    super(message, null);
    this.closeCode = closeCode;
    this.retryable = retryable;
  }

  /**
   * The close code the client sent when it failed the connection.
   *
   * @return 1002 (protocol error), 1007 (invalid payload data), 1008 (policy violation), 1010
   *     (extension refused by the client), or 0 if no close frame was sent
   */
  public int closeCode() {
    return closeCode;
  }

  @Override
  public boolean isRetryable() {
    return retryable;
  }
}
