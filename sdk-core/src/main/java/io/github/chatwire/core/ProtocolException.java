package io.github.chatwire.core;

import org.jspecify.annotations.Nullable;

/**
 * Input that does not follow the protocol: malformed JSON, a wrong field type, an unknown packet,
 * truncated bytes, a frame of the wrong kind. Reported as an error event; the connection stays up
 * wherever the protocol allows. Not retryable: the same input fails the same way.
 */
public class ProtocolException extends ChatwireException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was wrong and where, without secrets; may be null
   * @param cause the parser's exception; may be null
   */
  public ProtocolException(String message, @Nullable Throwable cause) {
    super(message, cause, false);
  }

  /**
   * Creates the exception without a cause.
   *
   * @param message what was wrong and where, without secrets; may be null
   */
  public ProtocolException(String message) {
    this(message, null);
  }
}
