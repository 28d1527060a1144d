package io.github.chatwire.core;

import java.time.Duration;

/**
 * No reply arrived for a request within its timeout, counted from the moment the request went out
 * on the wire. The request was sent ({@link #sent()}), so the server may have acted on it: not
 * retryable, unless the request was marked idempotent (then repeating it is harmless).
 */
public class RequestTimeoutException extends ChatwireException {
  private static final long serialVersionUID = 1L;

  /** The timeout that elapsed. */
  private final Duration timeout;

  /** Whether the request had been sent when it timed out. */
  private final boolean sent;

  /**
   * Creates the exception for a request that was not sent (so it is retryable).
   *
   * @param message which request timed out, without secrets; may be null
   * @param timeout the timeout that elapsed; never null
   */
  public RequestTimeoutException(String message, Duration timeout) {
    this(message, timeout, false, true);
  }

  /**
   * Creates the exception.
   *
   * @param message which request timed out, without secrets; may be null
   * @param timeout the timeout that elapsed; never null
   * @param sent whether the request went out on the wire
   * @param retryable whether repeating it cannot duplicate an effect (not sent, or idempotent)
   */
  public RequestTimeoutException(
      String message, Duration timeout, boolean sent, boolean retryable) {
    super(message, null, retryable);
    this.timeout = timeout;
    this.sent = sent;
  }

  /**
   * Whether the request went out on the wire before its reply timed out.
   *
   * @return true if it was sent (the server may have acted on it)
   */
  public boolean sent() {
    return sent;
  }

  /**
   * The timeout that elapsed.
   *
   * @return the timeout; never null
   */
  public Duration timeout() {
    return timeout;
  }
}
