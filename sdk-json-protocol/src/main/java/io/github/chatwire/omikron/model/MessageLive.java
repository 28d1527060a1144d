package io.github.chatwire.omikron.model;

import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A direct message delivered live; must be answered with the same id and a {@code message_state}
 * within 10 s.
 *
 * <p>Message type {@code message_live}. Immutable; {@link #toString()} masks secret fields.
 *
 * @param sendTime {@code send_time}: send time, epoch ms (a numeric string on the wire); null if
 *     absent
 * @param message {@code message}: the encrypted content (read from {@code content} when there is no
 *     {@code message}, as the TTP-era Iota names it); null if absent
 * @param senderId {@code sender_id}: the sender; null if absent
 * @param messageState {@code message_state}: the state, in the receiver's reply; null if absent
 * @param raw the whole {@code data} object as received, unknown keys included; never null (empty
 *     for a message built here)
 */
public record MessageLive(
    @Nullable Long sendTime,
    @Nullable String message,
    @Nullable OmikronId senderId,
    @Nullable MessageState messageState,
    OmikronData raw)
    implements OmikronEvent {
  /**
   * Creates the record; absent collections and data become empty.
   *
   * @param sendTime see {@link #sendTime()}
   * @param message see {@link #message()}
   * @param senderId see {@link #senderId()}
   * @param messageState see {@link #messageState()}
   * @param raw see {@link #raw()}
   */
  public MessageLive {
    raw = raw == null ? OmikronData.EMPTY : raw;
  }

  /**
   * Reads the record from a message's {@code data}.
   *
   * @param d the data; never null
   * @return the record
   * @throws OmikronFormatException if a field has an impossible type
   */
  public static MessageLive from(OmikronData d) {
    return new MessageLive(
        d.getLong("send_time"),
        d.has("message") ? d.getString("message") : d.getString("content"),
        d.getId("sender_id"),
        state(d.getString("message_state"), MessageState::of),
        d);
  }

  /**
   * The {@code data} object to send: the fields set here over the {@link #raw()} ones.
   *
   * @return the data
   */
  public OmikronData toData() {
    OmikronData.Builder b = raw.toBuilder();
    b.putIfNotNull("send_time", sendTime == null ? null : sendTime.toString());
    b.putIfNotNull("message", message);
    b.putIfNotNull("sender_id", senderId);
    b.putIfNotNull("message_state", messageState);
    return b.build();
  }

  /**
   * The message type this record belongs to.
   *
   * @return the type
   */
  public static MessageType type() {
    return MessageType.MESSAGE_LIVE;
  }

  private static <T> @Nullable T state(@Nullable String s, Function<String, T> of) {
    return s == null || s.isEmpty() ? null : of.apply(s);
  }

  @Override
  public String toString() {
    return "MessageLive["
        + "sendTime="
        + sendTime
        + ", "
        + "message="
        + message
        + ", "
        + "senderId="
        + senderId
        + ", "
        + "messageState="
        + messageState
        + "]";
  }
}
