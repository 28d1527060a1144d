package io.github.chatwire.omikron.model;

import org.jspecify.annotations.Nullable;

/**
 * The short-lived E1b call socket's stream and WebRTC signalling ({@code start_stream}, {@code
 * end_stream}, {@code watch_stream}, {@code webrtc_sdp}, {@code webrtc_ice}): relayed to {@code
 * receiver_id} with {@code sender_id} added. {@link #type()} names only the first of these types.
 *
 * <p>Message type {@code start_stream}. Immutable; {@link #toString()} masks secret fields.
 *
 * @param receiverId {@code receiver_id}: the peer; null if absent
 * @param senderId {@code sender_id}: the sender (added by the server); null if absent
 * @param callId {@code call_id}: the call; null if absent
 * @param wantToWatch {@code want_to_watch}: whether to watch a stream; null if absent
 * @param payload {@code payload}: the SDP or ICE payload; null if absent
 * @param raw the whole {@code data} object as received, unknown keys included; never null (empty
 *     for a message built here)
 */
public record StreamSignal(
    @Nullable OmikronId receiverId,
    @Nullable OmikronId senderId,
    @Nullable String callId,
    @Nullable Boolean wantToWatch,
    @Nullable Object payload,
    OmikronData raw) {
  /**
   * Creates the record; absent collections and data become empty.
   *
   * @param receiverId see {@link #receiverId()}
   * @param senderId see {@link #senderId()}
   * @param callId see {@link #callId()}
   * @param wantToWatch see {@link #wantToWatch()}
   * @param payload see {@link #payload()}
   * @param raw see {@link #raw()}
   */
  public StreamSignal {
    raw = raw == null ? OmikronData.EMPTY : raw;
  }

  /**
   * Reads the record from a message's {@code data}.
   *
   * @param d the data; never null
   * @return the record
   * @throws OmikronFormatException if a field has an impossible type
   */
  public static StreamSignal from(OmikronData d) {
    return new StreamSignal(
        d.getId("receiver_id"),
        d.getId("sender_id"),
        d.getString("call_id"),
        d.getBoolean("want_to_watch"),
        d.get("payload"),
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
    b.putIfNotNull("call_id", callId);
    b.putIfNotNull("want_to_watch", wantToWatch);
    b.putIfNotNull("payload", payload);
    return b.build();
  }

  /**
   * The message type this record belongs to.
   *
   * @return the type
   */
  public static MessageType type() {
    return MessageType.START_STREAM;
  }

  @Override
  public String toString() {
    return "StreamSignal["
        + "receiverId="
        + receiverId
        + ", "
        + "senderId="
        + senderId
        + ", "
        + "callId="
        + callId
        + ", "
        + "wantToWatch="
        + wantToWatch
        + ", "
        + "payload="
        + payload
        + "]";
  }
}
