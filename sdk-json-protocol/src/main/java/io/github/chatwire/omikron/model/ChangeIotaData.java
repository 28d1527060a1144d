package io.github.chatwire.omikron.model;

import org.jspecify.annotations.Nullable;

/**
 * An Iota changes its data at Omega (e.g. its public key).
 *
 * <p>Message type {@code change_iota_data}. Immutable; {@link #toString()} masks secret fields.
 *
 * @param iotaId {@code iota_id}: the Iota; null if absent
 * @param publicKey {@code public_key}: the new public key, base64; null if absent
 * @param raw the whole {@code data} object as received, unknown keys included; never null (empty
 *     for a message built here)
 */
public record ChangeIotaData(
    @Nullable OmikronId iotaId, @Nullable String publicKey, OmikronData raw) {
  /**
   * Creates the record; absent collections and data become empty.
   *
   * @param iotaId see {@link #iotaId()}
   * @param publicKey see {@link #publicKey()}
   * @param raw see {@link #raw()}
   */
  public ChangeIotaData {
    raw = raw == null ? OmikronData.EMPTY : raw;
  }

  /**
   * Reads the record from a message's {@code data}.
   *
   * @param d the data; never null
   * @return the record
   * @throws OmikronFormatException if a field has an impossible type
   */
  public static ChangeIotaData from(OmikronData d) {
    return new ChangeIotaData(d.getId("iota_id"), d.getString("public_key"), d);
  }

  /**
   * The {@code data} object to send: the fields set here over the {@link #raw()} ones.
   *
   * @return the data
   */
  public OmikronData toData() {
    OmikronData.Builder b = raw.toBuilder();
    b.putIfNotNull("iota_id", iotaId);
    b.putIfNotNull("public_key", publicKey);
    return b.build();
  }

  /**
   * The message type this record belongs to.
   *
   * @return the type
   */
  public static MessageType type() {
    return MessageType.CHANGE_IOTA_DATA;
  }

  @Override
  public String toString() {
    return "ChangeIotaData[" + "iotaId=" + iotaId + ", " + "publicKey=" + publicKey + "]";
  }
}
