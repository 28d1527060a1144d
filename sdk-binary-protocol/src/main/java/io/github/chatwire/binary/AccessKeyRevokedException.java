package io.github.chatwire.binary;

import io.github.chatwire.core.AuthenticationException;

/**
 * The access key was revoked while connected (close 3004). Terminal: drop the credential; the
 * client does not reconnect.
 */
public class AccessKeyRevokedException extends AuthenticationException implements ServerClose {
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
  public AccessKeyRevokedException(int code, String reason) {
    super(Closes.describe("access key revoked", code, reason), null);
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
