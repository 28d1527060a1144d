package io.github.chatwire.core;

/**
 * A message was larger than the configured maximum.
 *
 * <ul>
 *   <li>Inbound ({@link #isOutbound()} false): the connection was closed with WebSocket close code
 *       1009 (message too big); it reconnects like after any lost connection (it is the cause of
 *       that state change; requests in flight fail with a {@link ConnectionLostException} caused by
 *       it). Retryable.
 *   <li>Outbound ({@link #isOutbound()} true, made by {@link #outbound(long, long)}): the message
 *       was refused locally, at once, before anything was sent; the connection stays up. Not
 *       retryable: the same message fails the same way.
 * </ul>
 *
 * <p>Not a {@link ConnectionLostException} (it was one before 0.2): an outbound refusal loses no
 * connection. Catch this type, or check {@link #isOutbound()}.
 */
public class MessageTooLargeException extends ChatwireException {
  private static final long serialVersionUID = 1L;

  /** The size of the message that arrived, in bytes. */
  private final long size;

  /** The configured maximum, in bytes. */
  private final long limit;

  /** Whether the message was outbound (refused locally, before sending). */
  private final boolean outbound;

  /**
   * Creates the exception for an inbound message.
   *
   * @param size the size of the message that arrived, in bytes
   * @param limit the configured maximum, in bytes
   */
  public MessageTooLargeException(long size, long limit) {
    super(
        "inbound message of "
            + size
            + " bytes exceeds the limit of "
            + limit
            + " bytes; closed with 1009",
        null,
        true);
    this.size = size;
    this.limit = limit;
    this.outbound = false;
  }

  private MessageTooLargeException(String message, long size, long limit) {
    super(message, null, false);
    this.size = size;
    this.limit = limit;
    this.outbound = true;
  }

  /**
   * The exception for an outbound message refused before sending. Not retryable.
   *
   * @param size the message's size in bytes (for text, at least its UTF-8 size)
   * @param limit the configured maximum, in bytes
   * @return the exception
   */
  public static MessageTooLargeException outbound(long size, long limit) {
    return new MessageTooLargeException(
        "outbound message of " + size + " bytes exceeds the limit of " + limit + " bytes; not sent",
        size,
        limit);
  }

  /**
   * Whether an outbound message was refused (rather than an inbound one dropping the connection).
   *
   * @return true for an outbound message
   */
  public boolean isOutbound() {
    return outbound;
  }

  /**
   * The size of the message.
   *
   * @return bytes
   */
  public long size() {
    return size;
  }

  /**
   * The configured maximum.
   *
   * @return bytes
   */
  public long limit() {
    return limit;
  }
}
