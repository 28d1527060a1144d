package io.github.chatwire.core;

/**
 * The server does not speak the protocol version this SDK speaks. Terminal: reconnecting would meet
 * the same refusal.
 */
public class IncompatibleProtocolException extends ChatwireException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the server's reason or a description; may be null
   */
  public IncompatibleProtocolException(String message) {
    super(message, null, false);
  }
}
