package io.github.chatwire.originchats.codec;

import io.github.chatwire.core.ProtocolException;
import org.jspecify.annotations.Nullable;

/**
 * An inbound OriginChats frame could not be decoded: not JSON, not an object, or a known field of
 * the wrong type. Carries the frame's {@code cmd} and {@code listener} when they could be read, so
 * that a client can still fail the request the frame answered. Not retryable.
 */
public final class FrameDecodeException extends ProtocolException {
  private static final long serialVersionUID = 1L;

  /** The cmd (serialized). */
  private final @Nullable String cmd;

  /** The listener (serialized). */
  private final @Nullable String listener;

  /**
   * Creates the exception.
   *
   * @param message what was wrong, never the frame's content; never null
   * @param cmd the frame's command, if known; may be null
   * @param listener the frame's listener, if known; may be null
   * @param cause the parser's exception; may be null
   */
  public FrameDecodeException(
      String message, @Nullable String cmd, @Nullable String listener, @Nullable Throwable cause) {
    super(message, cause);
    this.cmd = cmd;
    this.listener = listener;
  }

  /**
   * The command of the bad frame.
   *
   * @return the cmd; null if it could not be read
   */
  public @Nullable String cmd() {
    return cmd;
  }

  /**
   * The listener of the bad frame.
   *
   * @return the listener; null if absent or unreadable
   */
  public @Nullable String listener() {
    return listener;
  }
}
