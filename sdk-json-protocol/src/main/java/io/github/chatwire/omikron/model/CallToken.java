package io.github.chatwire.omikron.model;

import org.jspecify.annotations.Nullable;

/**
 * A request for a call's LiveKit token and its reply (an unknown call id creates the call).
 *
 * <p>Message type {@code call_token}. Immutable; {@link #toString()} masks secret fields.
 *
 * @param callId {@code call_id}: the call (a UUID string); null if absent
 * @param callToken {@code call_token}: the LiveKit JWT (reply only; empty when LiveKit is not
 *     configured); null if absent
 * @param raw the whole {@code data} object as received, unknown keys included; never null (empty
 *     for a message built here)
 */
public record CallToken(@Nullable String callId, @Nullable String callToken, OmikronData raw) {
  /**
   * Creates the record; absent collections and data become empty.
   *
   * @param callId see {@link #callId()}
   * @param callToken see {@link #callToken()}
   * @param raw see {@link #raw()}
   */
  public CallToken {
    raw = raw == null ? OmikronData.EMPTY : raw;
  }

  /**
   * Reads the record from a message's {@code data}.
   *
   * @param d the data; never null
   * @return the record
   * @throws OmikronFormatException if a field has an impossible type
   */
  public static CallToken from(OmikronData d) {
    return new CallToken(d.getString("call_id"), d.getString("call_token"), d);
  }

  /**
   * The {@code data} object to send: the fields set here over the {@link #raw()} ones.
   *
   * @return the data
   */
  public OmikronData toData() {
    OmikronData.Builder b = raw.toBuilder();
    b.putIfNotNull("call_id", callId);
    b.putIfNotNull("call_token", callToken);
    return b.build();
  }

  /**
   * The message type this record belongs to.
   *
   * @return the type
   */
  public static MessageType type() {
    return MessageType.CALL_TOKEN;
  }

  @Override
  public String toString() {
    return "CallToken["
        + "callId="
        + callId
        + ", "
        + "callToken="
        + (callToken == null ? "null" : "***")
        + "]";
  }
}
