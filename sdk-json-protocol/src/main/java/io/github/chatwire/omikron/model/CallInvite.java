package io.github.chatwire.omikron.model;

import org.jspecify.annotations.Nullable;

/**
 * A call invitation: sent with {@code receiver_id} and {@code call_id}; pushed to the invitee with
 * {@code sender_id}/{@code receiver_id} as numeric strings.
 *
 * <p>Message type {@code call_invite}. Immutable; {@link #toString()} masks secret fields.
 *
 * @param callId {@code call_id}: the call; null if absent
 * @param receiverId {@code receiver_id}: the invitee; null if absent
 * @param senderId {@code sender_id}: the inviter (pushes); null if absent
 * @param raw the whole {@code data} object as received, unknown keys included; never null (empty
 *     for a message built here)
 */
public record CallInvite(
    @Nullable String callId,
    @Nullable OmikronId receiverId,
    @Nullable OmikronId senderId,
    OmikronData raw)
    implements OmikronEvent {
  /**
   * Creates the record; absent collections and data become empty.
   *
   * @param callId see {@link #callId()}
   * @param receiverId see {@link #receiverId()}
   * @param senderId see {@link #senderId()}
   * @param raw see {@link #raw()}
   */
  public CallInvite {
    raw = raw == null ? OmikronData.EMPTY : raw;
  }

  /**
   * Reads the record from a message's {@code data}.
   *
   * @param d the data; never null
   * @return the record
   * @throws OmikronFormatException if a field has an impossible type
   */
  public static CallInvite from(OmikronData d) {
    return new CallInvite(d.getString("call_id"), d.getId("receiver_id"), d.getId("sender_id"), d);
  }

  /**
   * The {@code data} object to send: the fields set here over the {@link #raw()} ones.
   *
   * @return the data
   */
  public OmikronData toData() {
    OmikronData.Builder b = raw.toBuilder();
    b.putIfNotNull("call_id", callId);
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
    return MessageType.CALL_INVITE;
  }

  @Override
  public String toString() {
    return "CallInvite["
        + "callId="
        + callId
        + ", "
        + "receiverId="
        + receiverId
        + ", "
        + "senderId="
        + senderId
        + "]";
  }
}
