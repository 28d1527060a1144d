package io.github.chatwire.omikron.model;

import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A presence change: sent by a client (its own state; no reply) or pushed to interested clients and
 * call participants with {@code user_id}.
 *
 * <p>Message type {@code client_changed}. Immutable; {@link #toString()} masks secret fields.
 *
 * @param userId {@code user_id}: whose state changed (pushes only); null if absent
 * @param userState {@code user_state}: the presence state; null if absent
 * @param callState {@code call_state}: the call state (older call protocol); null if absent
 * @param raw the whole {@code data} object as received, unknown keys included; never null (empty
 *     for a message built here)
 */
public record ClientChanged(
    @Nullable OmikronId userId,
    @Nullable UserState userState,
    @Nullable CallState callState,
    OmikronData raw)
    implements OmikronEvent {
  /**
   * Creates the record; absent collections and data become empty.
   *
   * @param userId see {@link #userId()}
   * @param userState see {@link #userState()}
   * @param callState see {@link #callState()}
   * @param raw see {@link #raw()}
   */
  public ClientChanged {
    raw = raw == null ? OmikronData.EMPTY : raw;
  }

  /**
   * Reads the record from a message's {@code data}.
   *
   * @param d the data; never null
   * @return the record
   * @throws OmikronFormatException if a field has an impossible type
   */
  public static ClientChanged from(OmikronData d) {
    return new ClientChanged(
        d.getId("user_id"),
        state(d.getString("user_state"), UserState::of),
        state(d.getString("call_state"), CallState::of),
        d);
  }

  /**
   * The {@code data} object to send: the fields set here over the {@link #raw()} ones.
   *
   * @return the data
   */
  public OmikronData toData() {
    OmikronData.Builder b = raw.toBuilder();
    b.putIfNotNull("user_id", userId);
    b.putIfNotNull("user_state", userState);
    b.putIfNotNull("call_state", callState);
    return b.build();
  }

  /**
   * The message type this record belongs to.
   *
   * @return the type
   */
  public static MessageType type() {
    return MessageType.CLIENT_CHANGED;
  }

  private static <T> @Nullable T state(@Nullable String s, Function<String, T> of) {
    return s == null || s.isEmpty() ? null : of.apply(s);
  }

  @Override
  public String toString() {
    return "ClientChanged["
        + "userId="
        + userId
        + ", "
        + "userState="
        + userState
        + ", "
        + "callState="
        + callState
        + "]";
  }
}
