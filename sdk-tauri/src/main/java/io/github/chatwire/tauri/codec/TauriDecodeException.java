package io.github.chatwire.tauri.codec;

import io.github.chatwire.core.ProtocolException;
import org.jspecify.annotations.Nullable;

/**
 * A Tauri message from the server could not be decoded: not a JSON object, no {@code type}, a
 * required field missing or of the wrong kind, or an id that is too long or holds characters no id
 * has. It concerns that one message: the client reports it through {@code
 * TauriPushListener.onError} and the connection stays up. Not retryable. The message names the
 * field and, for an id, its length, never the whole offending value.
 */
public class TauriDecodeException extends ProtocolException {
  private static final long serialVersionUID = 1L;

  /** The wire type of the offending message; null if unknown. */
  private final @Nullable String messageType;

  /** The offending field; null if the whole message was unusable. */
  private final @Nullable String field;

  /**
   * Creates the exception.
   *
   * @param message what was wrong, without the offending value; may be null
   * @param messageType the message's {@code type}; null if unknown (no type yet)
   * @param field the field at fault, such as {@code data.sender_id}; null if the message as a whole
   *     is at fault
   * @param cause the parser's exception; may be null
   */
  public TauriDecodeException(
      String message,
      @Nullable String messageType,
      @Nullable String field,
      @Nullable Throwable cause) {
    super(message, cause);
    this.messageType = messageType;
    this.field = field;
  }

  /**
   * The {@code type} of the message that failed.
   *
   * @return the type; null if the message had none or could not be read that far
   */
  public @Nullable String messageType() {
    return messageType;
  }

  /**
   * The field at fault.
   *
   * @return e.g. {@code data.sender_id} or {@code id}; null if the message as a whole is at fault
   */
  public @Nullable String field() {
    return field;
  }
}
