package io.github.chatwire.core;

import org.jspecify.annotations.Nullable;

/**
 * The server refused the credentials (bad key, token, password or validator; revoked access key;
 * rejected client certificate). Terminal: the SDK does not reconnect with the same credentials,
 * because the answer would be the same.
 */
public class AuthenticationException extends ChatwireException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the server's reason or a description, without secrets; may be null
   * @param cause the underlying cause; may be null
   */
  public AuthenticationException(@Nullable String message, @Nullable Throwable cause) {
    super(message, cause, false);
  }

  /**
   * Creates the exception without a cause.
   *
   * @param message the server's reason or a description, without secrets; may be null
   */
  public AuthenticationException(@Nullable String message) {
    this(message, null);
  }
}
