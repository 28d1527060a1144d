package io.github.chatwire.omikron.codec.ttp;

import io.github.chatwire.core.ProtocolException;

/**
 * Bytes that are not a valid TTP message or stream frame: a length beyond the remaining bytes or
 * beyond a configured {@link TtpLimits limit}, an unknown value kind, malformed UTF-8, trailing
 * bytes. The message names what was wrong and the byte offset, never the bytes' content (they may
 * hold a challenge or key material).
 *
 * <p>Not retryable: the same bytes fail the same way.
 */
public class TtpDecodeException extends ProtocolException {
  private static final long serialVersionUID = 1L;

  /** The byte offset where the problem was found, from the start of the message. */
  private final long offset;

  /**
   * Creates the exception.
   *
   * @param message what was wrong, without content; never null
   * @param offset the byte offset where it was found, from the start of the message (for {@link
   *     TtpCodec}) or of the stream (for {@link TtpStreamDecoder}); 0 or more
   */
  public TtpDecodeException(String message, long offset) {
    super(message + " (at byte " + offset + ")");
    this.offset = offset;
  }

  /**
   * Where the problem was found.
   *
   * @return the byte offset, 0 or more: from the start of the message for {@link TtpCodec}, from
   *     the start of the stream for {@link TtpStreamDecoder}'s stream errors
   */
  public long offset() {
    return offset;
  }
}
