package io.github.chatwire.omikron.model;

import org.jspecify.annotations.Nullable;

/**
 * A request for an Iota's data, by Iota id, user id or user name.
 *
 * <p>Message type {@code get_iota_data}. Immutable; {@link #toString()} masks secret fields.
 *
 * @param iotaId {@code iota_id}: the Iota; null if absent
 * @param userId {@code user_id}: a user of the Iota; null if absent
 * @param username {@code username}: a user name; null if absent
 * @param raw the whole {@code data} object as received, unknown keys included; never null (empty
 *     for a message built here)
 */
public record GetIotaData(
    @Nullable OmikronId iotaId,
    @Nullable OmikronId userId,
    @Nullable String username,
    OmikronData raw) {
  /**
   * Creates the record; absent collections and data become empty.
   *
   * @param iotaId see {@link #iotaId()}
   * @param userId see {@link #userId()}
   * @param username see {@link #username()}
   * @param raw see {@link #raw()}
   */
  public GetIotaData {
    raw = raw == null ? OmikronData.EMPTY : raw;
  }

  /**
   * Reads the record from a message's {@code data}.
   *
   * @param d the data; never null
   * @return the record
   * @throws OmikronFormatException if a field has an impossible type
   */
  public static GetIotaData from(OmikronData d) {
    return new GetIotaData(d.getId("iota_id"), d.getId("user_id"), d.getString("username"), d);
  }

  /**
   * The {@code data} object to send: the fields set here over the {@link #raw()} ones.
   *
   * @return the data
   */
  public OmikronData toData() {
    OmikronData.Builder b = raw.toBuilder();
    b.putIfNotNull("iota_id", iotaId);
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
    return MessageType.GET_IOTA_DATA;
  }

  @Override
  public String toString() {
    return "GetIotaData["
        + "iotaId="
        + iotaId
        + ", "
        + "userId="
        + userId
        + ", "
        + "username="
        + username
        + "]";
  }
}
