package io.github.chatwire.omikron.model;

import org.jspecify.annotations.Nullable;

/**
 * An error message: any type starting with {@code error}, with an optional {@code data.error_type}
 * text (an SQL error, a routing refusal, a lookup failure). Immutable.
 *
 * @param type the error type, e.g. {@code error_no_iota}; never null
 * @param errorType {@code data.error_type}; null if absent
 * @param raw the whole {@code data}; never null
 */
public record ErrorReply(MessageType type, @Nullable String errorType, OmikronData raw)
    implements OmikronEvent {
  /**
   * Creates the record; absent collections and data become empty.
   *
   * @param type see {@link #type()}
   * @param errorType see {@link #errorType()}
   * @param raw see {@link #raw()}
   */
  public ErrorReply {
    java.util.Objects.requireNonNull(type, "type");
    raw = raw == null ? OmikronData.EMPTY : raw;
  }

  /**
   * Reads the error of a message.
   *
   * @param message the message; its type should be an error type
   * @return the record
   */
  public static ErrorReply from(OmikronMessage message) {
    String text;
    try {
      text = message.data().getString("error_type");
    } catch (OmikronFormatException e) {
      text = null;
    }
    return new ErrorReply(message.type(), text, message.data());
  }
}
