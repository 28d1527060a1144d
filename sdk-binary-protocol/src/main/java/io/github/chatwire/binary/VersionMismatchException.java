package io.github.chatwire.binary;

import io.github.chatwire.core.IncompatibleProtocolException;

/** The server does not accept this client version (close 3002). Terminal. */
public class VersionMismatchException extends IncompatibleProtocolException implements ServerClose {
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
  public VersionMismatchException(int code, String reason) {
    super(
        Closes.describe(
            "version mismatch: this client (version 0) is too old or too new for the server",
            code,
            reason));
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
