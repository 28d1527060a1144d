package io.github.chatwire.omikron.omega;

import io.github.chatwire.core.ServerErrorException;
import org.jspecify.annotations.Nullable;

/**
 * Omega answered an HTTP request with an error: a non-2xx status, a {@code status}/{@code type}
 * error code in the body, or a body that could not be read. {@link #code()} is the error code
 * ({@code error_not_found}, {@code error_bad_request}, ...) or {@code http_<status>}. Retryable for
 * 5xx statuses and network failures.
 */
public class OmegaException extends ServerErrorException {
  /** Serialization version. */
  private static final long serialVersionUID = 1L;

  /** The HTTP status. */
  private final int httpStatus;

  /**
   * Creates the exception.
   *
   * @param code the error code; may be null
   * @param message a description; may be null
   * @param httpStatus the HTTP status, or 0 if no response arrived
   * @param retryable whether trying again may help
   */
  public OmegaException(
      @Nullable String code, @Nullable String message, int httpStatus, boolean retryable) {
    super(code, message, retryable);
    this.httpStatus = httpStatus;
  }

  /**
   * @return the HTTP status, 0 if no response arrived
   */
  public int httpStatus() {
    return httpStatus;
  }

  /**
   * @return true if Omega said the thing does not exist
   */
  public boolean isNotFound() {
    return httpStatus == 404 || "error_not_found".equals(code());
  }
}
