package io.github.chatwire.binary;

import io.github.chatwire.core.ServerErrorException;

/**
 * The server closed with "server error" (close 3005). Retryable: the client reconnects with
 * exponential backoff and jitter. {@link #code()} is {@code "3005"}.
 */
public class BinaryWsServerException extends ServerErrorException implements ServerClose {
  private static final long serialVersionUID = 1L;

  /** The close code. */
  private final int closeCode;

  /** The server's reason. */
  private final String reason;

  /**
   * Creates the exception.
   *
   * @param closeCode the close code
   * @param reason the server's reason; never null
   */
  public BinaryWsServerException(int closeCode, String reason) {
    super(Integer.toString(closeCode), Closes.describe("server error", closeCode, reason), true);
    this.closeCode = closeCode;
    this.reason = reason;
  }

  @Override
  public int closeCode() {
    return closeCode;
  }

  @Override
  public String closeReason() {
    return reason;
  }
}
