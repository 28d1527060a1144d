package io.github.chatwire.binary;

import io.github.chatwire.core.ProtocolException;

/**
 * The server broke the authentication handshake: its first message was not exactly {@code 6d 73},
 * or was a text frame. Terminal: the peer does not speak this protocol, so the connect future fails
 * with this cause.
 */
public class HandshakeException extends ProtocolException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was wrong, without payload bytes beyond the first two; never null
   */
  public HandshakeException(String message) {
    super(message);
  }
}
