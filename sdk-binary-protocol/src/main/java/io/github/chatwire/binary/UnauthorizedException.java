package io.github.chatwire.binary;

import io.github.chatwire.core.AuthenticationException;

/**
 * The server refused the access key during authentication (close 3001). Terminal: the client does
 * not reconnect with the same key.
 */
public class UnauthorizedException extends AuthenticationException implements ServerClose {
  private static final long serialVersionUID = 1L;

  /** The close code. */
  private final int code;

  /** The server's reason. */
  private final String reason;

  /**
   * Creates the exception.
   *
   * @param code the close code
   * @param reason the server's reason; never null
   */
  public UnauthorizedException(int code, String reason) {
    super(Closes.describe("unauthorized", code, reason), null);
    this.code = code;
    this.reason = reason;
  }

  @Override
  public int closeCode() {
    return code;
  }

  @Override
  public String closeReason() {
    return reason;
  }
}
