package io.github.chatwire.core;

import org.jspecify.annotations.Nullable;

/**
 * The connection dropped, could not be established, or was declared dead by the watchdog.
 * Retryable: the SDK reconnects by itself. A request that was already on the wire when this
 * happened fails with the subclass {@link DeliveryUnknownException} instead, which is not retryable
 * (the server may have acted on it).
 */
public class ConnectionLostException extends ChatwireException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was lost and why, without secrets; may be null
   * @param cause the underlying I/O failure; may be null
   */
  public ConnectionLostException(@Nullable String message, @Nullable Throwable cause) {
    super(message, cause, true);
  }

  /**
   * Creates the exception without a cause.
   *
   * @param message what was lost and why, without secrets; may be null
   */
  public ConnectionLostException(@Nullable String message) {
    this(message, null);
  }

  /**
   * Creates the exception with an explicit retryability, for subclasses whose operation cannot
   * simply be repeated (a message that may have been delivered, a message that is too large).
   *
   * @param message what was lost and why, without secrets; may be null
   * @param cause the underlying failure; may be null
   * @param retryable whether trying the same operation again cannot duplicate an effect
   */
  protected ConnectionLostException(
      @Nullable String message, @Nullable Throwable cause, boolean retryable) {
    super(message, cause, retryable);
  }
}
