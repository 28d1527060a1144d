package io.github.chatwire.omikron.model;

import org.jspecify.annotations.Nullable;

/**
 * Switches anonymous joining of a call; the reply carries the join link.
 *
 * <p>Message type {@code call_set_anonymous_joining}. Immutable; {@link #toString()} masks secret
 * fields.
 *
 * @param callId {@code call_id}: the call; null if absent
 * @param enabled {@code enabled}: whether guests may join; null if absent
 * @param link {@code link}: the short join link (reply); null if absent
 * @param raw the whole {@code data} object as received, unknown keys included; never null (empty
 *     for a message built here)
 */
public record CallSetAnonymousJoining(
    @Nullable String callId, @Nullable Boolean enabled, @Nullable String link, OmikronData raw) {
  /**
   * Creates the record; absent collections and data become empty.
   *
   * @param callId see {@link #callId()}
   * @param enabled see {@link #enabled()}
   * @param link see {@link #link()}
   * @param raw see {@link #raw()}
   */
  public CallSetAnonymousJoining {
    raw = raw == null ? OmikronData.EMPTY : raw;
  }

  /**
   * Reads the record from a message's {@code data}.
   *
   * @param d the data; never null
   * @return the record
   * @throws OmikronFormatException if a field has an impossible type
   */
  public static CallSetAnonymousJoining from(OmikronData d) {
    return new CallSetAnonymousJoining(
        d.getString("call_id"), d.getBoolean("enabled"), d.getString("link"), d);
  }

  /**
   * The {@code data} object to send: the fields set here over the {@link #raw()} ones.
   *
   * @return the data
   */
  public OmikronData toData() {
    OmikronData.Builder b = raw.toBuilder();
    b.putIfNotNull("call_id", callId);
    b.putIfNotNull("enabled", enabled);
    b.putIfNotNull("link", link);
    return b.build();
  }

  /**
   * The message type this record belongs to.
   *
   * @return the type
   */
  public static MessageType type() {
    return MessageType.CALL_SET_ANONYMOUS_JOINING;
  }

  @Override
  public String toString() {
    return "CallSetAnonymousJoining["
        + "callId="
        + callId
        + ", "
        + "enabled="
        + enabled
        + ", "
        + "link="
        + link
        + "]";
  }
}
