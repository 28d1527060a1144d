package io.github.chatwire.core;

import org.jspecify.annotations.Nullable;

/**
 * The message went out on the wire, but the connection was lost before the peer confirmed it: it
 * may or may not have been read and acted on. Not retryable, because sending it again may duplicate
 * it (a chat message posted twice); check the server's state (history) first.
 *
 * <p>Reported in three ways: a request in flight when the connection is lost fails with it; a
 * {@code sendConfirmed} future fails with it; and after a connection is lost, the fire-and-forget
 * sends the peer had not confirmed yet are reported together as one error event ({@code
 * ConnectionListener.onError}) with their number, see {@link #unconfirmed()}.
 */
public class DeliveryUnknownException extends ConnectionLostException {
  private static final long serialVersionUID = 1L;

  /** How many sends the peer had not confirmed when the connection was lost. */
  private final int unconfirmed;

  /**
   * Creates the exception for one message or request.
   *
   * @param message what was sent and lost, without secrets; may be null
   * @param cause why the connection was lost; may be null
   */
  public DeliveryUnknownException(String message, @Nullable Throwable cause) {
    this(message, cause, 1);
  }

  /**
   * Creates the exception for a number of messages.
   *
   * @param message what was sent and lost, without secrets; may be null
   * @param cause why the connection was lost; may be null
   * @param unconfirmed how many messages it stands for; at least 1
   */
  public DeliveryUnknownException(String message, @Nullable Throwable cause, int unconfirmed) {
    super(message, cause, false);
    this.unconfirmed = unconfirmed;
  }

  /**
   * How many messages went out without a confirmation before the connection was lost.
   *
   * @return at least 1
   */
  public int unconfirmed() {
    return unconfirmed;
  }
}
