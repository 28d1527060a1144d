package io.github.chatwire.binary;

import io.github.chatwire.core.ConnectionLostException;

/**
 * The server closed the connection with a code that does not end it for good: normal closure
 * (1000), going away (1001), the reserved 3000 or an unknown application code. Retryable: the
 * client reconnects with backoff.
 */
public class ServerClosedException extends ConnectionLostException implements ServerClose {
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
  public ServerClosedException(int code, String reason) {
    super(Closes.describe("closed by server", code, reason), null);
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
