package io.github.chatwire.tauri;

import io.github.chatwire.core.ServerErrorException;

/**
 * Omega's HTTP API answered with an error status. Retryable for 5xx and 408; not for other 4xx.
 * (401/403 are reported as {@link io.github.chatwire.core.AuthenticationException}, 429 as {@link
 * io.github.chatwire.core.RateLimitedException}.)
 */
public class OmegaHttpException extends ServerErrorException {
  private static final long serialVersionUID = 1L;

  /** The HTTP status of the answer. */
  private final int status;

  /**
   * Creates the exception.
   *
   * @param status the HTTP status
   * @param message a description (method, path template and status; no secrets)
   */
  public OmegaHttpException(int status, String message) {
    super(String.valueOf(status), message, status >= 500 || status == 408);
    this.status = status;
  }

  /**
   * The HTTP status.
   *
   * @return the status code
   */
  public int status() {
    return status;
  }
}
