package io.github.chatwire.omikron.model;

import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A user's profile as Omega (via the Omikron) returns it.
 *
 * <p>Message type {@code get_user_data}. Immutable; {@link #toString()} masks secret fields.
 *
 * @param userId {@code user_id}: the user; null if absent
 * @param username {@code username}: the name; null if absent
 * @param display {@code display}: display name (omitted when never set); null if absent
 * @param publicKey {@code public_key}: base64 of the raw X448 public key; null if absent
 * @param iotaId {@code iota_id}: the user's Iota; null if absent
 * @param onlineStatus {@code online_status}: presence ({@code iota_offline} when unknown; invisible
 *     users show {@code user_offline}); null if absent
 * @param userState {@code user_state}: presence as the Omikron reports it for anonymous guests;
 *     null if absent
 * @param omikronId {@code omikron_id}: the Omikron the user is on; null if absent
 * @param omikronConnections {@code omikron_connections}: Omikrons the user is connected to; null if
 *     absent
 * @param subLevel {@code sub_level}: subscription level; null if absent
 * @param subEnd {@code sub_end}: subscription end, epoch ms; null if absent
 * @param about {@code about}: about text; null if absent
 * @param avatar {@code avatar}: base64 image bytes; null if absent
 * @param status {@code status}: status text; null if absent
 * @param raw the whole {@code data} object as received, unknown keys included; never null (empty
 *     for a message built here)
 */
public record UserData(
    @Nullable OmikronId userId,
    @Nullable String username,
    @Nullable String display,
    @Nullable String publicKey,
    @Nullable OmikronId iotaId,
    @Nullable UserState onlineStatus,
    @Nullable UserState userState,
    @Nullable OmikronId omikronId,
    @Nullable List<OmikronId> omikronConnections,
    @Nullable Long subLevel,
    @Nullable Long subEnd,
    @Nullable String about,
    @Nullable String avatar,
    @Nullable String status,
    OmikronData raw) {
  /**
   * Creates the record; absent collections and data become empty.
   *
   * @param userId see {@link #userId()}
   * @param username see {@link #username()}
   * @param display see {@link #display()}
   * @param publicKey see {@link #publicKey()}
   * @param iotaId see {@link #iotaId()}
   * @param onlineStatus see {@link #onlineStatus()}
   * @param userState see {@link #userState()}
   * @param omikronId see {@link #omikronId()}
   * @param omikronConnections see {@link #omikronConnections()}
   * @param subLevel see {@link #subLevel()}
   * @param subEnd see {@link #subEnd()}
   * @param about see {@link #about()}
   * @param avatar see {@link #avatar()}
   * @param status see {@link #status()}
   * @param raw see {@link #raw()}
   */
  public UserData {
    raw = raw == null ? OmikronData.EMPTY : raw;
  }

  /**
   * Reads the record from a message's {@code data}.
   *
   * @param d the data; never null
   * @return the record
   * @throws OmikronFormatException if a field has an impossible type
   */
  public static UserData from(OmikronData d) {
    return new UserData(
        d.getId("user_id"),
        d.getString("username"),
        d.getString("display"),
        d.getString("public_key"),
        d.getId("iota_id"),
        state(d.getString("online_status"), UserState::of),
        state(d.getString("user_state"), UserState::of),
        d.getId("omikron_id"),
        d.getIdList("omikron_connections"),
        d.getLong("sub_level"),
        d.getLong("sub_end"),
        d.getString("about"),
        d.getString("avatar"),
        d.getString("status"),
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
    b.putIfNotNull("username", username);
    b.putIfNotNull("display", display);
    b.putIfNotNull("public_key", publicKey);
    b.putIfNotNull("iota_id", iotaId);
    b.putIfNotNull("online_status", onlineStatus);
    b.putIfNotNull("user_state", userState);
    b.putIfNotNull("omikron_id", omikronId);
    b.putIfNotNull("omikron_connections", omikronConnections);
    b.putIfNotNull("sub_level", subLevel);
    b.putIfNotNull("sub_end", subEnd);
    b.putIfNotNull("about", about);
    b.putIfNotNull("avatar", avatar);
    b.putIfNotNull("status", status);
    return b.build();
  }

  /**
   * The message type this record belongs to.
   *
   * @return the type
   */
  public static MessageType type() {
    return MessageType.GET_USER_DATA;
  }

  private static <T> @Nullable T state(@Nullable String s, Function<String, T> of) {
    return s == null || s.isEmpty() ? null : of.apply(s);
  }

  @Override
  public String toString() {
    return "UserData["
        + "userId="
        + userId
        + ", "
        + "username="
        + username
        + ", "
        + "display="
        + display
        + ", "
        + "publicKey="
        + publicKey
        + ", "
        + "iotaId="
        + iotaId
        + ", "
        + "onlineStatus="
        + onlineStatus
        + ", "
        + "userState="
        + userState
        + ", "
        + "omikronId="
        + omikronId
        + ", "
        + "omikronConnections="
        + omikronConnections
        + ", "
        + "subLevel="
        + subLevel
        + ", "
        + "subEnd="
        + subEnd
        + ", "
        + "about="
        + about
        + ", "
        + "avatar="
        + avatar
        + ", "
        + "status="
        + status
        + "]";
  }
}
