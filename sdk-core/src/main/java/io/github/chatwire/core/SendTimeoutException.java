package io.github.chatwire.core;

import java.time.Duration;

/**
 * A message waited in the outbound queue (because the connection was not ready) for longer than the
 * configured maximum and was not sent. Nothing went out on the wire. Retryable.
 */
public class SendTimeoutException extends ChatwireException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param waited how long the message waited
   */
  public SendTimeoutException(Duration waited) {
    super("message not sent: connection not ready within " + waited.toMillis() + " ms", null, true);
  }
}
