package io.github.chatwire.omikron.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An Iota's data.
 *
 * <p>Message type {@code get_iota_data}. Immutable; {@link #toString()} masks secret fields.
 *
 * @param publicKey {@code public_key}: base64 of the Iota's raw X448 public key; null if absent
 * @param iotaId {@code iota_id}: the Iota; null if absent
 * @param userId {@code user_id}: the user asked for; null if absent
 * @param username {@code username}: the user name asked for; null if absent
 * @param omikronConnections {@code omikron_connections}: Omikrons the Iota is connected to; null if
 *     absent
 * @param raw the whole {@code data} object as received, unknown keys included; never null (empty
 *     for a message built here)
 */
public record IotaData(
    @Nullable String publicKey,
    @Nullable OmikronId iotaId,
    @Nullable OmikronId userId,
    @Nullable String username,
    @Nullable List<OmikronId> omikronConnections,
    OmikronData raw) {
  /**
   * Creates the record; absent collections and data become empty.
   *
   * @param publicKey see {@link #publicKey()}
   * @param iotaId see {@link #iotaId()}
   * @param userId see {@link #userId()}
   * @param username see {@link #username()}
   * @param omikronConnections see {@link #omikronConnections()}
   * @param raw see {@link #raw()}
   */
  public IotaData {
    raw = raw == null ? OmikronData.EMPTY : raw;
  }

  /**
   * Reads the record from a message's {@code data}.
   *
   * @param d the data; never null
   * @return the record
   * @throws OmikronFormatException if a field has an impossible type
   */
  public static IotaData from(OmikronData d) {
    return new IotaData(
        d.getString("public_key"),
        d.getId("iota_id"),
        d.getId("user_id"),
        d.getString("username"),
        d.getIdList("omikron_connections"),
        d);
  }

  /**
   * The {@code data} object to send: the fields set here over the {@link #raw()} ones.
   *
   * @return the data
   */
  public OmikronData toData() {
    OmikronData.Builder b = raw.toBuilder();
    b.putIfNotNull("public_key", publicKey);
    b.putIfNotNull("iota_id", iotaId);
    b.putIfNotNull("user_id", userId);
    b.putIfNotNull("username", username);
    b.putIfNotNull("omikron_connections", omikronConnections);
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
    return "IotaData["
        + "publicKey="
        + publicKey
        + ", "
        + "iotaId="
        + iotaId
        + ", "
        + "userId="
        + userId
        + ", "
        + "username="
        + username
        + ", "
        + "omikronConnections="
        + omikronConnections
        + "]";
  }
}
