package io.github.chatwire.core.internal.json;

import io.github.chatwire.core.ProtocolException;

/**
 * Text that is not well-formed JSON, or JSON beyond a limit (nesting, number range). The message
 * gives the offset and what was expected, never the input itself.
 */
public final class JsonFormatException extends ProtocolException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong and where; never null
   */
  public JsonFormatException(String message) {
    super(message);
  }
}
