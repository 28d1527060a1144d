package io.github.chatwire.omikron.model;

import org.jspecify.annotations.Nullable;

/**
 * A direct message passed from the sender's Iota to the recipient's Iota.
 *
 * <p>Message type {@code message_other_iota}. Immutable; {@link #toString()} masks secret fields.
 *
 * @param receiverId {@code receiver_id}: the recipient; null if absent
 * @param senderId {@code sender_id}: the sender; null if absent
 * @param sendTime {@code send_time}: send time, epoch ms; null if absent
 * @param content {@code content}: the encrypted content; null if absent
 * @param raw the whole {@code data} object as received, unknown keys included; never null (empty
 *     for a message built here)
 */
public record MessageOtherIota(
    @Nullable OmikronId receiverId,
    @Nullable OmikronId senderId,
    @Nullable Long sendTime,
    @Nullable String content,
    OmikronData raw) {
  /**
   * Creates the record; absent collections and data become empty.
   *
   * @param receiverId see {@link #receiverId()}
   * @param senderId see {@link #senderId()}
   * @param sendTime see {@link #sendTime()}
   * @param content see {@link #content()}
   * @param raw see {@link #raw()}
   */
  public MessageOtherIota {
    raw = raw == null ? OmikronData.EMPTY : raw;
  }

  /**
   * Reads the record from a message's {@code data}.
   *
   * @param d the data; never null
   * @return the record
   * @throws OmikronFormatException if a field has an impossible type
   */
  public static MessageOtherIota from(OmikronData d) {
    return new MessageOtherIota(
        d.getId("receiver_id"),
        d.getId("sender_id"),
        d.getLong("send_time"),
        d.getString("content"),
        d);
  }

  /**
   * The {@code data} object to send: the fields set here over the {@link #raw()} ones.
   *
   * @return the data
   */
  public OmikronData toData() {
    OmikronData.Builder b = raw.toBuilder();
    b.putIfNotNull("receiver_id", receiverId);
    b.putIfNotNull("sender_id", senderId);
    b.putIfNotNull("send_time", sendTime == null ? null : sendTime.toString());
    b.putIfNotNull("content", content);
    return b.build();
  }

  /**
   * The message type this record belongs to.
   *
   * @return the type
   */
  public static MessageType type() {
    return MessageType.MESSAGE_OTHER_IOTA;
  }

  @Override
  public String toString() {
    return "MessageOtherIota["
        + "receiverId="
        + receiverId
        + ", "
        + "senderId="
        + senderId
        + ", "
        + "sendTime="
        + sendTime
        + ", "
        + "content="
        + content
        + "]";
  }
}
