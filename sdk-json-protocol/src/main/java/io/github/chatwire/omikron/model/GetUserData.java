package io.github.chatwire.omikron.model;

import org.jspecify.annotations.Nullable;

/**
 * A request for a user's profile, by id or by name.
 *
 * <p>Message type {@code get_user_data}. Immutable; {@link #toString()} masks secret fields.
 *
 * @param userId {@code user_id}: the user; null if absent
 * @param username {@code username}: the user's name; null if absent
 * @param raw the whole {@code data} object as received, unknown keys included; never null (empty
 *     for a message built here)
 */
public record GetUserData(@Nullable OmikronId userId, @Nullable String username, OmikronData raw) {
  /**
   * Creates the record; absent collections and data become empty.
   *
   * @param userId see {@link #userId()}
   * @param username see {@link #username()}
   * @param raw see {@link #raw()}
   */
  public GetUserData {
    raw = raw == null ? OmikronData.EMPTY : raw;
  }

  /**
   * Reads the record from a message's {@code data}.
   *
   * @param d the data; never null
   * @return the record
   * @throws OmikronFormatException if a field has an impossible type
   */
  public static GetUserData from(OmikronData d) {
    return new GetUserData(d.getId("user_id"), d.getString("username"), d);
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

  @Override
  public String toString() {
    return "GetUserData[" + "userId=" + userId + ", " + "username=" + username + "]";
  }
}
