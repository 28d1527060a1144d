package io.github.chatwire.core;

import org.jspecify.annotations.Nullable;

/**
 * The server answered a request with an error. The protocol's error code (for example an Omikron
 * {@code error_*} type or an OriginChats error text) is kept in {@link #code()}.
 */
public class ServerErrorException extends ChatwireException {
  private static final long serialVersionUID = 1L;

  /** The protocol's error code or type; null if the server gave none. */
  private final @Nullable String code;

  /**
   * Creates the exception.
   *
   * @param code the protocol's error code or type; may be null if the server gave none
   * @param message the server's text; may be null
   * @param retryable whether the same request may succeed later
   */
  public ServerErrorException(@Nullable String code, @Nullable String message, boolean retryable) {
    super(
        code == null ? message : (message == null ? code : code + ": " + message), null, retryable);
    this.code = code;
  }

  /**
   * The protocol's error code or type.
   *
   * @return the code; null if the server gave none
   */
  public @Nullable String code() {
    return code;
  }
}
