package io.github.chatwire.binary;

import io.github.chatwire.core.ConnectionLostException;

/**
 * The server closed because it got no Ping in time (close 3003). Retryable: the client reconnects
 * with backoff. It points to a stalled ping timer or a ping interval that is too long.
 */
public class PingTimeoutException extends ConnectionLostException implements ServerClose {
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
  public PingTimeoutException(int code, String reason) {
    super(Closes.describe("timeout: the server got no ping in time", code, reason), null);
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
