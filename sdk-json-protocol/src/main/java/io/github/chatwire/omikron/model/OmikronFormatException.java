package io.github.chatwire.omikron.model;

import io.github.chatwire.core.ProtocolException;

/**
 * An Omikron message could not be read: malformed JSON, a missing envelope field, or a field of the
 * wrong type. The message names the field, never its value (values may hold key material).
 */
public class OmikronFormatException extends ProtocolException {
  /** Serialization version. */
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was wrong and where, without values; may be null
   * @param cause the parser's exception; may be null
   */
  public OmikronFormatException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates the exception without a cause.
   *
   * @param message what was wrong and where, without values; may be null
   */
  public OmikronFormatException(String message) {
    super(message);
  }
}
