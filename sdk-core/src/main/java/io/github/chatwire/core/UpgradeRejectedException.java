package io.github.chatwire.core;

import org.jspecify.annotations.Nullable;

/**
 * The server answered the WebSocket upgrade request with an HTTP status instead of switching
 * protocols. 401 and 403 are terminal (the credentials will not get better); other statuses are
 * retryable.
 */
public class UpgradeRejectedException extends ConnectionLostException {
  private static final long serialVersionUID = 1L;

  /** The HTTP status of the refusal. */
  private final int status;

  /**
   * Creates the exception.
   *
   * @param status the HTTP status of the refusal
   * @param cause the transport's exception; may be null
   */
  public UpgradeRejectedException(int status, @Nullable Throwable cause) {
    super("WebSocket upgrade refused with HTTP " + status, cause);
    this.status = status;
  }

  /**
   * The HTTP status of the refusal.
   *
   * @return the status code
   */
  public int status() {
    return status;
  }

  @Override
  public boolean isRetryable() {
    return status != 401 && status != 403;
  }
}
