package io.github.chatwire.originchats;

import io.github.chatwire.core.ChatwireException;

/**
 * A message was refused locally because it exceeds the server's {@code limits.post_content},
 * counted as the server counts: code points after stripping whitespace. Nothing was sent. Not
 * retryable.
 */
public class ContentTooLongException extends ChatwireException {
  private static final long serialVersionUID = 1L;

  /** The length (serialized). */
  private final int length;

  /** The limit (serialized). */
  private final long limit;

  /**
   * Creates the exception.
   *
   * @param length the counted length
   * @param limit the server's limit
   */
  public ContentTooLongException(int length, long limit) {
    super(
        "message of " + length + " code points exceeds the server limit of " + limit, null, false);
    this.length = length;
    this.limit = limit;
  }

  /**
   * @return the counted length in code points
   */
  public int length() {
    return length;
  }

  /**
   * @return the server's limit
   */
  public long limit() {
    return limit;
  }
}
