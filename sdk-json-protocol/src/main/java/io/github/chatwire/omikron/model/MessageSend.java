package io.github.chatwire.omikron.model;

import org.jspecify.annotations.Nullable;

/**
 * Sends a direct message through the own Iota; the Iota answers {@code success}.
 *
 * <p>Message type {@code message_send}. Immutable; {@link #toString()} masks secret fields.
 *
 * @param receiverId {@code receiver_id}: the recipient; null if absent
 * @param content {@code content}: the end-to-end encrypted content (base64, opaque to servers);
 *     null if absent
 * @param raw the whole {@code data} object as received, unknown keys included; never null (empty
 *     for a message built here)
 */
public record MessageSend(
    @Nullable OmikronId receiverId, @Nullable String content, OmikronData raw) {
  /**
   * Creates the record; absent collections and data become empty.
   *
   * @param receiverId see {@link #receiverId()}
   * @param content see {@link #content()}
   * @param raw see {@link #raw()}
   */
  public MessageSend {
    raw = raw == null ? OmikronData.EMPTY : raw;
  }

  /**
   * Reads the record from a message's {@code data}.
   *
   * @param d the data; never null
   * @return the record
   * @throws OmikronFormatException if a field has an impossible type
   */
  public static MessageSend from(OmikronData d) {
    return new MessageSend(d.getId("receiver_id"), d.getString("content"), d);
  }

  /**
   * The {@code data} object to send: the fields set here over the {@link #raw()} ones.
   *
   * @return the data
   */
  public OmikronData toData() {
    OmikronData.Builder b = raw.toBuilder();
    b.putIfNotNull("receiver_id", receiverId);
    b.putIfNotNull("content", content);
    return b.build();
  }

  /**
   * The message type this record belongs to.
   *
   * @return the type
   */
  public static MessageType type() {
    return MessageType.MESSAGE_SEND;
  }

  @Override
  public String toString() {
    return "MessageSend[" + "receiverId=" + receiverId + ", " + "content=" + content + "]";
  }
}
