package io.github.chatwire.omikron.model;

import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A delivery state change between Iotas.
 *
 * <p>Message type {@code message_state}. Immutable; {@link #toString()} masks secret fields.
 *
 * @param sendTime {@code send_time}: the message's send time, epoch ms; null if absent
 * @param messageState {@code message_state}: the new state; null if absent
 * @param raw the whole {@code data} object as received, unknown keys included; never null (empty
 *     for a message built here)
 */
public record MessageStateUpdate(
    @Nullable Long sendTime, @Nullable MessageState messageState, OmikronData raw) {
  /**
   * Creates the record; absent collections and data become empty.
   *
   * @param sendTime see {@link #sendTime()}
   * @param messageState see {@link #messageState()}
   * @param raw see {@link #raw()}
   */
  public MessageStateUpdate {
    raw = raw == null ? OmikronData.EMPTY : raw;
  }

  /**
   * Reads the record from a message's {@code data}.
   *
   * @param d the data; never null
   * @return the record
   * @throws OmikronFormatException if a field has an impossible type
   */
  public static MessageStateUpdate from(OmikronData d) {
    return new MessageStateUpdate(
        d.getLong("send_time"), state(d.getString("message_state"), MessageState::of), d);
  }

  /**
   * The {@code data} object to send: the fields set here over the {@link #raw()} ones.
   *
   * @return the data
   */
  public OmikronData toData() {
    OmikronData.Builder b = raw.toBuilder();
    b.putIfNotNull("send_time", sendTime == null ? null : sendTime.toString());
    b.putIfNotNull("message_state", messageState);
    return b.build();
  }

  /**
   * The message type this record belongs to.
   *
   * @return the type
   */
  public static MessageType type() {
    return MessageType.MESSAGE_STATE;
  }

  private static <T> @Nullable T state(@Nullable String s, Function<String, T> of) {
    return s == null || s.isEmpty() ? null : of.apply(s);
  }

  @Override
  public String toString() {
    return "MessageStateUpdate["
        + "sendTime="
        + sendTime
        + ", "
        + "messageState="
        + messageState
        + "]";
  }
}
