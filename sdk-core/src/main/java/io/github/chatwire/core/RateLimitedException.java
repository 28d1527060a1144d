package io.github.chatwire.core;

import java.time.Duration;

/**
 * The server (or the SDK's mirror of the server's limits) refused the request because of a rate
 * limit. Retryable after {@link #retryAfter()}.
 */
public class RateLimitedException extends ChatwireException {
  private static final long serialVersionUID = 1L;

  /** How long to wait before trying again; zero if unknown. */
  private final Duration retryAfter;

  /**
   * Creates the exception.
   *
   * @param message the server's text or a description; may be null
   * @param retryAfter how long to wait before trying again; never null, may be zero if unknown
   */
  public RateLimitedException(String message, Duration retryAfter) {
    super(message, null, true);
    if (retryAfter == null || retryAfter.isNegative()) {
      throw new IllegalArgumentException("retryAfter must be zero or positive");
    }
    this.retryAfter = retryAfter;
  }

  /**
   * How long to wait before trying again.
   *
   * @return the wait; never null
   */
  public Duration retryAfter() {
    return retryAfter;
  }
}
