package io.github.chatwire.core;

import org.jspecify.annotations.Nullable;

/**
 * Root of every exception the chatwire SDK throws or completes a future with.
 *
 * <p>Each exception says whether the operation that failed may succeed if it is simply tried again
 * later ({@link #isRetryable()}): a lost connection or a timeout is retryable, refused credentials
 * or a malformed request are not.
 *
 * <p>Messages never contain secrets (keys, tokens, passwords, validators); see {@link Redaction}.
 * Instances are immutable and safe to share between threads.
 */
public class ChatwireException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Whether trying the same operation again later may succeed. */
  private final boolean retryable;

  /**
   * Creates an exception.
   *
   * @param message a human-readable description without secrets; may be null
   * @param cause the underlying cause; may be null
   * @param retryable whether trying the same operation again later may succeed
   */
  public ChatwireException(@Nullable String message, @Nullable Throwable cause, boolean retryable) {
    super(message, cause);
    this.retryable = retryable;
  }

  /**
   * Creates a non-retryable exception without a cause.
   *
   * @param message a human-readable description without secrets; may be null
   */
  public ChatwireException(@Nullable String message) {
    this(message, null, false);
  }

  /**
   * Whether the failed operation may succeed if it is tried again later, unchanged.
   *
   * @return true for transient failures (connection lost, timeouts, rate limits), false for
   *     failures that will repeat (bad credentials, invalid input, version mismatch)
   */
  public boolean isRetryable() {
    return retryable;
  }
}
