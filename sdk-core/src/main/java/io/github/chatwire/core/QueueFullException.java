package io.github.chatwire.core;

/**
 * A bounded queue or table (outbound queue, pending requests) is full, so the operation was refused
 * at once instead of growing memory without bound. Nothing was sent. Retryable once the backlog
 * drains.
 */
public class QueueFullException extends ChatwireException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which queue is full and its capacity; may be null
   */
  public QueueFullException(String message) {
    super(message, null, true);
  }
}
