package io.github.chatwire.omikron.model;

import org.jspecify.annotations.Nullable;

/**
 * An Iota's request to count a notification for a user.
 *
 * <p>Message type {@code push_notification}. Immutable; {@link #toString()} masks secret fields.
 *
 * @param receiverId {@code receiver_id}: the user notified; null if absent
 * @param senderId {@code sender_id}: who caused it; null if absent
 * @param raw the whole {@code data} object as received, unknown keys included; never null (empty
 *     for a message built here)
 */
public record PushNotification(
    @Nullable OmikronId receiverId, @Nullable OmikronId senderId, OmikronData raw) {
  /**
   * Creates the record; absent collections and data become empty.
   *
   * @param receiverId see {@link #receiverId()}
   * @param senderId see {@link #senderId()}
   * @param raw see {@link #raw()}
   */
  public PushNotification {
    raw = raw == null ? OmikronData.EMPTY : raw;
  }

  /**
   * Reads the record from a message's {@code data}.
   *
   * @param d the data; never null
   * @return the record
   * @throws OmikronFormatException if a field has an impossible type
   */
  public static PushNotification from(OmikronData d) {
    return new PushNotification(d.getId("receiver_id"), d.getId("sender_id"), d);
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
    return b.build();
  }

  /**
   * The message type this record belongs to.
   *
   * @return the type
   */
  public static MessageType type() {
    return MessageType.PUSH_NOTIFICATION;
  }

  @Override
  public String toString() {
    return "PushNotification[" + "receiverId=" + receiverId + ", " + "senderId=" + senderId + "]";
  }
}
