package io.github.chatwire.core;

import org.jspecify.annotations.Nullable;

/**
 * The connection is closed for good: the user closed it, or a terminal cause ended it. Anything
 * sent or requested on it fails with this exception. Not retryable on the same connection object.
 */
public class ConnectionClosedException extends ChatwireException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message why the connection is closed; may be null
   * @param cause the terminal cause that closed it, if any; may be null
   */
  public ConnectionClosedException(String message, @Nullable Throwable cause) {
    super(message, cause, false);
  }
}
