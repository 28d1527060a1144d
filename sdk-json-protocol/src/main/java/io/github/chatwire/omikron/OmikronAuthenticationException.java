package io.github.chatwire.omikron;

import io.github.chatwire.core.AuthenticationException;
import org.jspecify.annotations.Nullable;

/**
 * Identification with the Omikron failed for good: the server answered a fatal {@code error_*}
 * type, refused the identification, or its challenge could not be solved with the configured key.
 * Not retryable; the connection closes and does not reconnect. The message never contains key
 * material.
 */
public class OmikronAuthenticationException extends AuthenticationException {
  /** Serialization version. */
  private static final long serialVersionUID = 1L;

  /** The server's error type, or null. */
  private final @Nullable String errorType;

  /**
   * Creates the exception.
   *
   * @param message what failed, without secrets; may be null
   * @param errorType the server's error type, e.g. {@code error_not_authenticated}; null if the
   *     failure was local
   * @param cause the cause; may be null
   */
  public OmikronAuthenticationException(
      @Nullable String message, @Nullable String errorType, @Nullable Throwable cause) {
    super(message, cause);
    this.errorType = errorType;
  }

  /**
   * The server's error type.
   *
   * @return the type, or null if the failure was detected locally
   */
  public @Nullable String errorType() {
    return errorType;
  }
}
