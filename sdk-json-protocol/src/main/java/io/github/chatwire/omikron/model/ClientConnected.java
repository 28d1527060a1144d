package io.github.chatwire.omikron.model;

import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A user connected: sent to the user's Iota (E3) or to call participants (older spec).
 *
 * <p>Message type {@code client_connected}. Immutable; {@link #toString()} masks secret fields.
 *
 * @param userId {@code user_id}: the user; null if absent
 * @param callState {@code call_state}: the call state (calls); null if absent
 * @param userState {@code user_state}: the presence state (calls); null if absent
 * @param raw the whole {@code data} object as received, unknown keys included; never null (empty
 *     for a message built here)
 */
public record ClientConnected(
    @Nullable OmikronId userId,
    @Nullable CallState callState,
    @Nullable UserState userState,
    OmikronData raw)
    implements OmikronEvent {
  /**
   * Creates the record; absent collections and data become empty.
   *
   * @param userId see {@link #userId()}
   * @param callState see {@link #callState()}
   * @param userState see {@link #userState()}
   * @param raw see {@link #raw()}
   */
  public ClientConnected {
    raw = raw == null ? OmikronData.EMPTY : raw;
  }

  /**
   * Reads the record from a message's {@code data}.
   *
   * @param d the data; never null
   * @return the record
   * @throws OmikronFormatException if a field has an impossible type
   */
  public static ClientConnected from(OmikronData d) {
    return new ClientConnected(
        d.getId("user_id"),
        state(d.getString("call_state"), CallState::of),
        state(d.getString("user_state"), UserState::of),
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
    b.putIfNotNull("call_state", callState);
    b.putIfNotNull("user_state", userState);
    return b.build();
  }

  /**
   * The message type this record belongs to.
   *
   * @return the type
   */
  public static MessageType type() {
    return MessageType.CLIENT_CONNECTED;
  }

  private static <T> @Nullable T state(@Nullable String s, Function<String, T> of) {
    return s == null || s.isEmpty() ? null : of.apply(s);
  }

  @Override
  public String toString() {
    return "ClientConnected["
        + "userId="
        + userId
        + ", "
        + "callState="
        + callState
        + ", "
        + "userState="
        + userState
        + "]";
  }
}
